using Microsoft.Extensions.Configuration;
using Parley.Client;

namespace Parley.Configuration;

/// <summary>Presets and configuration binding for <see cref="RpcClientOptions"/>.</summary>
public static class RpcClientOptionsExtensions
{
    private static readonly OptionsBinder<RpcClientOptions> Binder = new(
        "client",
        new()
        {
            [nameof(RpcClientOptions.DefaultTimeout)] = (o, s) => o.DefaultTimeout = ConfigurationValues.TimeSpan(s),
            [nameof(RpcClientOptions.DefaultStreamTimeout)] = (o, s) => o.DefaultStreamTimeout = ConfigurationValues.TimeSpan(s),
            [nameof(RpcClientOptions.ConnectTimeout)] = (o, s) => o.ConnectTimeout = ConfigurationValues.TimeSpan(s),
            [nameof(RpcClientOptions.MaxPendingCalls)] = (o, s) => o.MaxPendingCalls = ConfigurationValues.Int32(s),
            [nameof(RpcClientOptions.KeepAliveInterval)] = (o, s) => o.KeepAliveInterval = ConfigurationValues.TimeSpan(s),
            [nameof(RpcClientOptions.KeepAliveTimeout)] = (o, s) => o.KeepAliveTimeout = ConfigurationValues.TimeSpan(s),
            [nameof(RpcClientOptions.HandshakeTimeout)] = (o, s) => o.HandshakeTimeout = ConfigurationValues.TimeSpan(s),
            [nameof(RpcClientOptions.ReconnectInitialBackoff)] = (o, s) => o.ReconnectInitialBackoff = ConfigurationValues.TimeSpan(s),
            [nameof(RpcClientOptions.ReconnectMaxBackoff)] = (o, s) => o.ReconnectMaxBackoff = ConfigurationValues.TimeSpan(s),
        },
        codeOnly:
        [
            nameof(RpcClientOptions.Codec), nameof(RpcClientOptions.TimeProvider), nameof(RpcClientOptions.LoggerFactory),
            nameof(RpcClientOptions.Middleware),
        ],
        otherKeys: [ParleyConfiguration.AddressKey],
        limits: o => o.Limits,
        applyPreset: (o, preset) => o.ApplyPreset(preset),
        validate: o => o.Validate());

    /// <summary>The configuration keys <see cref="Bind"/> reads besides <c>Preset</c> and <c>Address</c>.</summary>
    public static IEnumerable<string> ConfigurationKeys => Binder.Keys;

    /// <summary>
    /// Sets the values <paramref name="preset"/> covers; the others (pending-call cap, limits, codec, clock, logger,
    /// middleware) keep what they have. Not thread-safe, like the options themselves.
    /// </summary>
    /// <remarks>
    /// <list type="table">
    /// <listheader><term>option</term><description>Production / Development / Testing</description></listheader>
    /// <item><term><see cref="RpcClientOptions.DefaultTimeout"/></term><description>30 s / 15 s / 5 s</description></item>
    /// <item><term><see cref="RpcClientOptions.ConnectTimeout"/></term><description>5 s / 2 s / 1 s</description></item>
    /// <item><term><see cref="RpcClientOptions.HandshakeTimeout"/></term><description>10 s / 5 s / 2 s</description></item>
    /// <item><term><see cref="RpcClientOptions.KeepAliveInterval"/></term><description>15 s / 5 s / 2 s</description></item>
    /// <item><term><see cref="RpcClientOptions.KeepAliveTimeout"/></term><description>10 s / 5 s / 2 s</description></item>
    /// <item><term><see cref="RpcClientOptions.ReconnectInitialBackoff"/></term><description>100 ms / 50 ms / 10 ms</description></item>
    /// <item><term><see cref="RpcClientOptions.ReconnectMaxBackoff"/></term><description>5 s / 1 s / 200 ms</description></item>
    /// </list>
    /// </remarks>
    /// <returns>The same options, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="preset"/> is not a defined preset.</exception>
    public static RpcClientOptions ApplyPreset(this RpcClientOptions options, ParleyPreset preset)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (defaultTimeout, connect, handshake, keepAlive, keepAliveTimeout, initialBackoff, maxBackoff) = preset switch
        {
            ParleyPreset.Production => (Seconds(30), Seconds(5), Seconds(10), Seconds(15), Seconds(10), Milliseconds(100), Seconds(5)),
            ParleyPreset.Development => (Seconds(15), Seconds(2), Seconds(5), Seconds(5), Seconds(5), Milliseconds(50), Seconds(1)),
            ParleyPreset.Testing => (Seconds(5), Seconds(1), Seconds(2), Seconds(2), Seconds(2), Milliseconds(10), Milliseconds(200)),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Unknown preset."),
        };
        options.DefaultTimeout = defaultTimeout;
        options.ConnectTimeout = connect;
        options.HandshakeTimeout = handshake;
        options.KeepAliveInterval = keepAlive;
        options.KeepAliveTimeout = keepAliveTimeout;
        options.ReconnectInitialBackoff = initialBackoff;
        options.ReconnectMaxBackoff = maxBackoff;
        return options;
    }

    /// <summary>
    /// Reads <paramref name="section"/> (usually <c>Parley:Client</c>, see <see cref="ParleyConfiguration.ClientSection"/>)
    /// into the options: first its <c>Preset</c>, then every scalar option it holds (time spans as <c>hh:mm:ss</c> or
    /// <c>Infinite</c>, whole numbers) and its <c>Limits</c> sub-section; then validates the options. The section's
    /// <c>Address</c> key is allowed and left to hosting. Keys match case-insensitively; absent keys leave their option
    /// as it is. Codec, clock, logger and middleware are set in code.
    /// </summary>
    /// <returns>The same options, for chaining.</returns>
    /// <exception cref="RpcConfigurationException">A value does not parse or is out of range, or a key is unknown or
    /// code-only; the exception names the key.</exception>
    /// <exception cref="ArgumentException">A value set in code is invalid.</exception>
    public static RpcClientOptions Bind(this RpcClientOptions options, IConfiguration section)
    {
        Binder.Bind(options, section);
        return options;
    }

    private static TimeSpan Seconds(int seconds) => TimeSpan.FromSeconds(seconds);

    private static TimeSpan Milliseconds(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}

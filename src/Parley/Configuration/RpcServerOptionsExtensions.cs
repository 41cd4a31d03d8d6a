using Microsoft.Extensions.Configuration;
using Parley.Server;

namespace Parley.Configuration;

/// <summary>Presets and configuration binding for <see cref="RpcServerOptions"/>.</summary>
public static class RpcServerOptionsExtensions
{
    private static readonly OptionsBinder<RpcServerOptions> Binder = new(
        "server",
        new()
        {
            [nameof(RpcServerOptions.MaxConcurrentCallsPerConnection)] =
                (o, s) => o.MaxConcurrentCallsPerConnection = ConfigurationValues.Int32(s),
            [nameof(RpcServerOptions.MaxConnections)] = (o, s) => o.MaxConnections = ConfigurationValues.Int32(s),
            [nameof(RpcServerOptions.HandshakeTimeout)] = (o, s) => o.HandshakeTimeout = ConfigurationValues.TimeSpan(s),
            [nameof(RpcServerOptions.IdleTimeout)] = (o, s) => o.IdleTimeout = ConfigurationValues.TimeSpan(s),
            [nameof(RpcServerOptions.KeepAliveInterval)] = (o, s) => o.KeepAliveInterval = ConfigurationValues.TimeSpan(s),
            [nameof(RpcServerOptions.KeepAliveTimeout)] = (o, s) => o.KeepAliveTimeout = ConfigurationValues.TimeSpan(s),
            [nameof(RpcServerOptions.DrainTimeout)] = (o, s) => o.DrainTimeout = ConfigurationValues.TimeSpan(s),
            [nameof(RpcServerOptions.IncludeExceptionDetails)] = (o, s) => o.IncludeExceptionDetails = ConfigurationValues.Boolean(s),
        },
        codeOnly: [nameof(RpcServerOptions.Codecs), nameof(RpcServerOptions.TimeProvider), nameof(RpcServerOptions.LoggerFactory)],
        otherKeys: [],
        limits: o => o.Limits,
        applyPreset: (o, preset) => o.ApplyPreset(preset),
        validate: o => o.Validate());

    /// <summary>The configuration keys <see cref="Bind"/> reads besides <c>Preset</c>, e.g. <c>DrainTimeout</c>, <c>Limits:MaxPayloadBytes</c>.</summary>
    public static IEnumerable<string> ConfigurationKeys => Binder.Keys;

    /// <summary>
    /// Sets the values <paramref name="preset"/> covers; the others (capacity, limits, idle timeout, codecs, clock,
    /// logger) keep what they have. Not thread-safe, like the options themselves.
    /// </summary>
    /// <remarks>
    /// <list type="table">
    /// <listheader><term>option</term><description>Production / Development / Testing</description></listheader>
    /// <item><term><see cref="RpcServerOptions.HandshakeTimeout"/></term><description>10 s / 5 s / 2 s</description></item>
    /// <item><term><see cref="RpcServerOptions.KeepAliveInterval"/></term><description>15 s / 5 s / 2 s</description></item>
    /// <item><term><see cref="RpcServerOptions.KeepAliveTimeout"/></term><description>10 s / 5 s / 2 s</description></item>
    /// <item><term><see cref="RpcServerOptions.DrainTimeout"/></term><description>10 s / 2 s / 1 s</description></item>
    /// <item><term><see cref="RpcServerOptions.IncludeExceptionDetails"/></term><description>false / true / true</description></item>
    /// </list>
    /// </remarks>
    /// <returns>The same options, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="preset"/> is not a defined preset.</exception>
    public static RpcServerOptions ApplyPreset(this RpcServerOptions options, ParleyPreset preset)
    {
        ArgumentNullException.ThrowIfNull(options);
        (options.HandshakeTimeout, options.KeepAliveInterval, options.KeepAliveTimeout, options.DrainTimeout, options.IncludeExceptionDetails) =
            preset switch
            {
                ParleyPreset.Production => (Seconds(10), Seconds(15), Seconds(10), Seconds(10), false),
                ParleyPreset.Development => (Seconds(5), Seconds(5), Seconds(5), Seconds(2), true),
                ParleyPreset.Testing => (Seconds(2), Seconds(2), Seconds(2), Seconds(1), true),
                _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Unknown preset."),
            };
        return options;
    }

    /// <summary>
    /// Reads <paramref name="section"/> (usually <c>Parley:Server</c>, see <see cref="ParleyConfiguration.ServerSection"/>)
    /// into the options: first its <c>Preset</c>, then every scalar option it holds (time spans as <c>hh:mm:ss</c> or
    /// <c>Infinite</c>, whole numbers, true/false) and its <c>Limits</c> sub-section; then validates the options. Keys
    /// match case-insensitively; absent keys leave their option as it is. Codecs, clock and logger are set in code.
    /// </summary>
    /// <returns>The same options, for chaining.</returns>
    /// <exception cref="RpcConfigurationException">A value does not parse or is out of range, or a key is unknown or
    /// code-only; the exception names the key.</exception>
    /// <exception cref="ArgumentException">A value set in code is invalid.</exception>
    public static RpcServerOptions Bind(this RpcServerOptions options, IConfiguration section)
    {
        Binder.Bind(options, section);
        return options;
    }

    private static TimeSpan Seconds(int seconds) => TimeSpan.FromSeconds(seconds);
}

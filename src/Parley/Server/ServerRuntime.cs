using Microsoft.Extensions.Logging;
using Parley.Codecs;
using Parley.Connections;

namespace Parley.Server;

/// <summary>What every connection and call of one server shares; immutable once the server is built.</summary>
internal sealed class ServerRuntime
{
    private readonly RpcCodec?[] _codecsById = new RpcCodec?[256];

    public ServerRuntime(RpcServerOptions options, ServiceRegistry registry)
    {
        Options = options;
        Registry = registry;
        Logger = options.LoggerFactory.CreateLogger("Parley.Server");
        foreach (var codec in options.Codecs)
        {
            _codecsById[codec.Id] = codec;
        }

        SupportedCodecs = string.Join(", ", options.Codecs.Select(c => $"{c.Id} ({c.Name})"));
        ConnectionSettings = new ConnectionSettings(
            options.Limits, options.KeepAliveInterval, options.KeepAliveTimeout, options.HandshakeTimeout, options.IdleTimeout,
            options.TimeProvider, Logger, ParleyInfo.Agent);
    }

    public RpcServerOptions Options { get; }

    public ServiceRegistry Registry { get; }

    public ServerCounters Counters { get; } = new();

    public ILogger Logger { get; }

    public ConnectionSettings ConnectionSettings { get; }

    /// <summary>"1 (json), 2 (msgpack)": for the message that rejects an unknown codec.</summary>
    public string SupportedCodecs { get; }

    public RpcCodec? FindCodec(byte id) => _codecsById[id];
}

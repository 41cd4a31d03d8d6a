using Microsoft.Extensions.Logging;
using Parley.Codecs;
using Parley.Connections;

namespace Parley.Server;

/// <summary>What every connection and call of one server shares; immutable once the server is built.</summary>
internal sealed class ServerRuntime
{
    private readonly RpcCodec?[] _codecsById = new RpcCodec?[256];

    public ServerRuntime(
        RpcServerOptions options, ServiceRegistry registry, IReadOnlyList<Func<ServerCallHandler, ServerRuntime, ServerCallHandler>> middleware)
    {
        Options = options;
        Registry = registry;
        Logger = options.LoggerFactory.CreateLogger("Parley.Server");
        Meter = ServerMetrics.Create(Counters);
        // Built once: the first middleware added is the outermost, the handler the innermost.
        ServerCallHandler pipeline = ServerCall.InvokeHandlerAsync;
        for (var i = middleware.Count - 1; i >= 0; i--)
        {
            pipeline = middleware[i](pipeline, this);
        }

        Pipeline = pipeline;
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

    /// <summary>What built-in middleware owns and the server disposes when it is disposed.</summary>
    public List<IDisposable> Disposables { get; } = [];

    /// <summary>The middleware chain ending in the handler.</summary>
    public ServerCallHandler Pipeline { get; }

    public ServerCounters Counters { get; } = new();

    public ILogger Logger { get; }

    /// <summary>The server's meter: the built-in gauges, and the call instruments of the metrics middleware.</summary>
    public System.Diagnostics.Metrics.Meter Meter { get; }

    public ConnectionSettings ConnectionSettings { get; }

    /// <summary>"1 (json), 2 (msgpack)": for the message that rejects an unknown codec.</summary>
    public string SupportedCodecs { get; }

    public RpcCodec? FindCodec(byte id) => _codecsById[id];
}

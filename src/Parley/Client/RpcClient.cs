using System.Diagnostics.Metrics;
using System.Net;
using Parley.Cluster;
using Parley.Codecs;
using Parley.Connections;
using Parley.Contracts;
using Parley.Discovery;
using Parley.Transport;

namespace Parley.Client;

/// <summary>
/// Calls services on one Parley server over a single multiplexed connection, which it opens on first use and
/// re-opens when it drops. Thread-safe: share one client between all callers.
/// </summary>
/// <example>
/// <code>
/// await using var client = RpcClient.Create("tcp://127.0.0.1:5050");
/// object? sum = await client.InvokeAsync("Calculator", "Add", [1, 2]);
/// </code>
/// </example>
public sealed partial class RpcClient : IAsyncDisposable, IDisposable
{
    private readonly RpcClientOptions _options;
    private readonly IConnectionSource _channel;
    private readonly ClusterChannel? _cluster;
    private readonly ClientCounters _counters = new();
    private readonly Meter _meter;
    private readonly ClientCallHandler? _pipeline;
    private int _disposed;

    /// <summary>
    /// Creates a client for <paramref name="endPoint"/>. No connection is made until the first call. For a
    /// <see cref="ServiceEndPoint"/> the client finds the service's instances in <see cref="RpcClientOptions.Registry"/>
    /// and spreads its calls over them (see docs/balancing.md).
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid, or a service endpoint is given without a registry.</exception>
    public RpcClient(EndPoint endPoint, RpcClientOptions? options = null, ITransportConnector? connector = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        _options = (options ?? new RpcClientOptions()).Clone();
        _options.Validate();
        EndPoint = endPoint;
        var settings = new ConnectionSettings(
            _options.Limits,
            _options.KeepAliveInterval,
            _options.KeepAliveTimeout,
            _options.HandshakeTimeout,
            Timeout.InfiniteTimeSpan,
            _options.TimeProvider,
            _options.LoggerFactory.CreateLogger("Parley.Client"),
            ParleyInfo.Agent);
        connector ??= new TcpTransportConnector(_options.Limits.MaxFrameBytes);
        if (endPoint is ServiceEndPoint service)
        {
            var registry = _options.Registry ?? throw new ArgumentException(
                $"{service} names a service: set RpcClientOptions.Registry to the registry its instances register with.", nameof(options));
            _channel = _cluster = new ClusterChannel(service, registry, connector, _options, settings, _counters);
        }
        else
        {
            _channel = new EndpointChannel(endPoint, connector, _options, settings, _counters);
        }

        _meter = ClientMetrics.Create(this);
        _pipeline = BuildPipeline(_options.Middleware);
    }

    /// <summary>Creates a client for an address such as <c>tcp://127.0.0.1:5050</c>.</summary>
    /// <exception cref="FormatException">The address is not a Parley address.</exception>
    public static RpcClient Create(string address, RpcClientOptions? options = null) =>
        new(RpcAddress.Parse(address), options);

    /// <summary>The server address.</summary>
    public EndPoint EndPoint { get; }

    /// <summary>The client's counters now.</summary>
    public RpcClientStatistics Statistics =>
        new(_counters.ActiveCalls, _channel.PendingCalls, _counters.LateResponses, _counters.ConnectionsOpened);

    /// <summary>
    /// For a client of a <c>registry://service</c> address: the instances it knows, their state and traffic, and its
    /// retries. Null for a client of one server address.
    /// </summary>
    public ClusterStatistics? Cluster => _cluster?.Statistics;

    /// <summary>The connection new calls go to, or null (for tests and diagnostics).</summary>
    internal ClientConnection? CurrentConnection => _channel.CurrentConnection;

    /// <summary>The meter holding this client's instruments (see docs/lifecycle.md).</summary>
    public Meter Meter => _meter;

    /// <summary>Connects now instead of on the first call, waiting up to the connect timeout.</summary>
    /// <exception cref="RpcException">UNAVAILABLE or DEADLINE_EXCEEDED when no connection could be made.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _channel.ConnectAsync(cancellationToken)
                .AsTask().WaitAsync(_options.ConnectTimeout, _options.TimeProvider, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new RpcException(StatusCode.DeadlineExceeded, $"could not connect to {EndPoint} within {_options.ConnectTimeout}", ex);
        }
    }

    /// <summary>
    /// Returns a typed proxy for the <c>[RpcService]</c> interface <typeparamref name="TContract"/>, generated at compile
    /// time by Parley.Generators. Proxies are cheap, thread-safe and share this client's connection.
    /// </summary>
    /// <param name="options">Defaults for every call through the proxy (codec, metadata, timeout); the contract's
    /// per-method timeouts apply where these set none.</param>
    /// <exception cref="InvalidOperationException">No proxy was generated for the type, or the codec cannot carry the
    /// contract (e.g. the Protobuf codec for a method taking an int).</exception>
    public TContract GetService<TContract>(CallOptions? options = null)
        where TContract : class
    {
        if (!RpcContracts.TryGet<TContract>(out var generated))
        {
            throw new InvalidOperationException(
                $"{typeof(TContract).Name} has no generated proxy: mark the interface [RpcService] and reference the " +
                "Parley.Generators analyzer from the project that declares it. Untyped calls need no proxy: use InvokeAsync.");
        }

        var codec = ResolveCodec(options);
        if (!generated!.Descriptor.CanBeCarriedBy(codec, out var reason))
        {
            throw new InvalidOperationException($"The {codec.Name} codec cannot carry {reason}.");
        }

        return generated.CreateProxy(this, options);
    }

    /// <summary>Returns a <c>dynamic</c> proxy: <c>await proxy.Add(1, 2)</c> calls <c>Add</c> on <paramref name="service"/>.</summary>
    /// <remarks>Each member call returns a <see cref="Task{Object}"/>; an <c>Async</c> suffix on the member name is ignored,
    /// and a trailing <see cref="CancellationToken"/> argument cancels the call.</remarks>
    public dynamic GetDynamicService(string service, CallOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        return new DynamicServiceProxy(this, service, options);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _channel.DisposeAsync();
        _meter.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private RpcCodec ResolveCodec(CallOptions? options) => options?.Codec ?? _options.Codec;

    // Built once: the first middleware added is the outermost; the last step makes the call.
    private ClientCallHandler? BuildPipeline(IReadOnlyList<Func<ClientCallHandler, RpcClient, ClientCallHandler>> middleware)
    {
        if (middleware.Count == 0)
        {
            return null; // calls take the direct path, with nothing in between
        }

        ClientCallHandler pipeline = async context =>
        {
            if (context.Terminal is { } streamingCall)
            {
                return await streamingCall(context);
            }

            if (context.ResultType is null)
            {
                await SendOneWayDirectAsync(context.Service, context.Method, context.Arguments, context.Options, context.CancellationToken);
                return null;
            }

            return await InvokeDirectAsync<object?>(
                context.Service, context.Method, context.Arguments, context.Options, context.ResultType, context.CancellationToken);
        };
        for (var i = middleware.Count - 1; i >= 0; i--)
        {
            pipeline = middleware[i](pipeline, this);
        }

        return pipeline;
    }

    private Task<object?> RunPipelineAsync(
        string service, string method, object?[]? arguments, Type? resultType, CallOptions? options, CancellationToken cancellationToken) =>
        _pipeline!(new ClientCallContext(this, service, method, arguments ?? [], resultType, options, cancellationToken));
}

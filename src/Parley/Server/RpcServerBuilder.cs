using System.Net;
using Parley.Contracts;
using Parley.Transport;

namespace Parley.Server;

/// <summary>Collects services, listeners and options, then builds an <see cref="RpcServer"/>. Not thread-safe.</summary>
/// <example>
/// <code>
/// await using var server = new RpcServerBuilder()
///     .AddService&lt;ICalculator&gt;(new Calculator())
///     .ListenTcp(IPAddress.Loopback, 5050)
///     .Build();
/// await server.StartAsync();
/// </code>
/// </example>
public sealed class RpcServerBuilder
{
    private readonly ServiceRegistry _registry = new();
    private readonly List<Func<RpcServerOptions, ITransportListener>> _listeners = [];
    private readonly List<Func<ServerCallHandler, ServerRuntime, ServerCallHandler>> _middleware = [];

    /// <summary>The options the server will be built with.</summary>
    public RpcServerOptions Options { get; } = new();

    /// <summary>
    /// Exposes the methods of <typeparamref name="TContract"/> (an interface, or a class's public methods) served by
    /// <paramref name="implementation"/>, which must be thread-safe: calls run concurrently.
    /// </summary>
    /// <param name="implementation">The object that handles the calls.</param>
    /// <param name="name">The service name; default from <see cref="ServiceNames.ForService"/>.</param>
    /// <exception cref="ArgumentException">The name is taken, or a method has an unsupported shape.</exception>
    public RpcServerBuilder AddService<TContract>(TContract implementation, string? name = null)
        where TContract : class
    {
        ArgumentNullException.ThrowIfNull(implementation);
        if (RpcContracts.TryGet<TContract>(out var generated))
        {
            // Generated dispatcher: no reflection when calls run.
            var definition = generated!.CreateDispatcher(implementation);
            _registry.Add(name is null ? definition : definition.WithName(name));
            return this;
        }

        _registry.Add(ReflectionServiceBinder.Bind(typeof(TContract), implementation, name));
        return this;
    }

    /// <summary>Exposes the public methods of <paramref name="contract"/> served by <paramref name="implementation"/>, by reflection.</summary>
    public RpcServerBuilder AddService(Type contract, object implementation, string? name = null)
    {
        _registry.Add(ReflectionServiceBinder.Bind(contract, implementation, name));
        return this;
    }

    /// <summary>Exposes a service defined by hand (or by other generated code).</summary>
    /// <exception cref="ArgumentException">The name is taken.</exception>
    public RpcServerBuilder AddService(RpcServiceDefinition service)
    {
        _registry.Add(service);
        return this;
    }

    /// <summary>Listens for TCP connections on <paramref name="address"/>:<paramref name="port"/> (0 picks a free port).</summary>
    public RpcServerBuilder ListenTcp(IPAddress address, int port) => ListenTcp(new IPEndPoint(address, port));

    /// <summary>Listens for TCP connections on <paramref name="endPoint"/>.</summary>
    public RpcServerBuilder ListenTcp(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        _listeners.Add(options => TcpTransportListener.Bind(endPoint, options.Limits.MaxFrameBytes));
        return this;
    }

    /// <summary>Serves connections from a listener of another transport.</summary>
    public RpcServerBuilder Listen(Func<RpcServerOptions, ITransportListener> listenerFactory)
    {
        ArgumentNullException.ThrowIfNull(listenerFactory);
        _listeners.Add(listenerFactory);
        return this;
    }

    /// <summary>
    /// Adds a middleware to the call pipeline: it receives the next step and returns its own. Middleware runs in the
    /// order added, around the handler: the first added sees the call first and the outcome last. Each middleware
    /// instance serves every call concurrently, so it must be thread-safe.
    /// </summary>
    /// <example><code>
    /// builder.Use(next => async context =>
    /// {
    ///     if (context.RequestMetadata.Get("tenant") is null)
    ///         throw new RpcException(StatusCode.InvalidArgument, "tenant metadata is required");
    ///     await next(context);
    /// });
    /// </code></example>
    public RpcServerBuilder Use(Func<ServerCallHandler, ServerCallHandler> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add((next, _) => middleware(next));
        return this;
    }

    /// <summary>
    /// Adds a middleware that also needs the server's final options (logger factory, clock, ...): it is created when the
    /// server is built, with the options as they are then.
    /// </summary>
    public RpcServerBuilder Use(Func<ServerCallHandler, RpcServerOptions, ServerCallHandler> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add((next, runtime) => middleware(next, runtime.Options));
        return this;
    }

    /// <summary>Adds a built-in middleware that needs the server's runtime (logger, meter, counters).</summary>
    internal RpcServerBuilder UseBuiltIn(Func<ServerCallHandler, ServerRuntime, ServerCallHandler> middleware)
    {
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>Changes <see cref="Options"/>.</summary>
    public RpcServerBuilder Configure(Action<RpcServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options);
        return this;
    }

    /// <summary>Validates the options and builds the server (not started).</summary>
    /// <exception cref="InvalidOperationException">No service or no listener was added.</exception>
    public RpcServer Build()
    {
        Options.Validate();
        if (_registry.ServiceNames.Count == 0)
        {
            throw new InvalidOperationException("Add at least one service before building the server.");
        }

        if (_listeners.Count == 0)
        {
            throw new InvalidOperationException("Add at least one listener (e.g. ListenTcp) before building the server.");
        }

        // The server keeps its own copy: later changes to the builder's options do not reach a running server.
        var options = Options.Clone();
        _registry.CheckCodecs([.. options.Codecs]);
        var runtime = new ServerRuntime(options, _registry, [.. _middleware]);
        return new RpcServer(runtime, [.. _listeners.Select(factory => (Func<ITransportListener>)(() => factory(options)))]);
    }
}

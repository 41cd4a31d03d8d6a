using Microsoft.Extensions.DependencyInjection;
using Parley.Server;

namespace Parley.Hosting;

/// <summary>
/// Returned by <c>AddParleyServer</c>: adds configuration steps to the container's one <see cref="RpcServer"/>. Each step
/// runs on the same <see cref="RpcServerBuilder"/>, in the order added, when the server is first resolved (at host start);
/// extension packages add their listeners and middleware through it. Not thread-safe: use it while registering services.
/// </summary>
public sealed class ParleyServerBuilder
{
    private readonly ParleyServerSetup _setup;

    internal ParleyServerBuilder(IServiceCollection services, ParleyServerSetup setup)
    {
        Services = services;
        _setup = setup;
    }

    /// <summary>The service collection the server is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a step that configures the server builder (services, listeners, middleware, options).</summary>
    public ParleyServerBuilder Configure(Action<RpcServerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _setup.Add((builder, _) => configure(builder));
        return this;
    }

    /// <summary>Adds a step that also needs the container's services.</summary>
    public ParleyServerBuilder Configure(Action<RpcServerBuilder, IServiceProvider> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _setup.Add(configure);
        return this;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Client;

namespace Parley.Hosting;

/// <summary>
/// Returned by <c>AddParleyClient</c>: adds option steps and typed proxies to one named <see cref="RpcClient"/>. The
/// client is a keyed singleton (key <see cref="Name"/>) created on first use, or at host start, and disposed with the
/// container. Not thread-safe: use it while registering services.
/// </summary>
public sealed class ParleyClientBuilder
{
    private readonly ParleyClientRegistration _registration;

    internal ParleyClientBuilder(IServiceCollection services, ParleyClientRegistration registration)
    {
        Services = services;
        _registration = registration;
    }

    /// <summary>The service collection the client is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The client's name: the key to resolve it with, e.g. <c>GetRequiredKeyedService&lt;RpcClient&gt;(name)</c>.</summary>
    public string Name => _registration.Name;

    /// <summary>Adds a step that changes the client's options; steps run in the order added, when the client is created.</summary>
    public ParleyClientBuilder Configure(Action<RpcClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _registration.Steps.Add((options, _) => configure(options));
        return this;
    }

    /// <summary>Adds a step that also needs the container's services.</summary>
    public ParleyClientBuilder Configure(Action<RpcClientOptions, IServiceProvider> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _registration.Steps.Add(configure);
        return this;
    }

    /// <summary>
    /// Registers <typeparamref name="TContract"/> as a singleton proxy over this client (<see cref="RpcClient.GetService{TContract}"/>),
    /// both keyed by <see cref="Name"/> and unkeyed. An existing registration of either is kept (the first wins).
    /// </summary>
    /// <param name="options">Defaults for every call through the proxy.</param>
    /// <remarks>The proxy is created on first resolution; a contract with no generated proxy then throws
    /// <see cref="InvalidOperationException"/>.</remarks>
    public ParleyClientBuilder AddService<TContract>(CallOptions? options = null)
        where TContract : class
    {
        var name = Name;
        Services.TryAddKeyedSingleton<TContract>(name, (services, _) => services.GetRequiredKeyedService<RpcClient>(name).GetService<TContract>(options));
        Services.TryAddSingleton<TContract>(services => services.GetRequiredKeyedService<TContract>(name));
        return this;
    }
}

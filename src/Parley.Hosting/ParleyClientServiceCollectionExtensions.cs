using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Parley.Client;
using Parley.Configuration;
using Parley.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Parley clients and their typed proxies in a service collection.</summary>
public static class ParleyClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers a proxy of <typeparamref name="TService"/> over the shared client for <paramref name="address"/>: every
    /// typed registration with the same address shares one <see cref="RpcClient"/> (a keyed singleton named by the address,
    /// disposed with the container). Calling this again is harmless; <paramref name="configure"/> steps add up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="address">The server, e.g. <c>tcp://127.0.0.1:5050</c>.</param>
    /// <param name="configure">Changes the client's options; runs when the client is created.</param>
    /// <exception cref="FormatException"><paramref name="address"/> is not a Parley address.</exception>
    public static ParleyClientBuilder AddParleyClient<TService>(
        this IServiceCollection services, string address, Action<RpcClientOptions>? configure = null)
        where TService : class =>
        services.AddParleyClient(address, address, configure).AddService<TService>();

    /// <summary>
    /// Registers a proxy of <typeparamref name="TService"/> over a client configured by the <c>Parley:Client</c> section
    /// of <paramref name="configuration"/> (its <c>Address</c> and options). See
    /// <see cref="AddParleyClient{TService}(IServiceCollection, IConfiguration, string, Action{RpcClientOptions}?)"/>.
    /// </summary>
    public static ParleyClientBuilder AddParleyClient<TService>(
        this IServiceCollection services, IConfiguration configuration, Action<RpcClientOptions>? configure = null)
        where TService : class =>
        services.AddParleyClient<TService>(configuration, ParleyConfiguration.ClientSection, configure);

    /// <summary>
    /// Registers a proxy of <typeparamref name="TService"/> over the client configured by section
    /// <paramref name="sectionName"/>: the client is named after the section (so contracts configured by one section
    /// share one client), connects to the section's <c>Address</c> and binds its options from it after
    /// <paramref name="configure"/> (see <see cref="RpcClientOptionsExtensions.Bind"/>).
    /// </summary>
    public static ParleyClientBuilder AddParleyClient<TService>(
        this IServiceCollection services, IConfiguration configuration, string sectionName, Action<RpcClientOptions>? configure = null)
        where TService : class =>
        services.AddParleyClient(sectionName, configuration, sectionName, configure).AddService<TService>();

    /// <summary>
    /// Registers a named <see cref="RpcClient"/> for untyped calls: a keyed singleton (key <paramref name="name"/>) created
    /// on first use or at host start, disposed with the container. Calling this again with the same name and address is
    /// harmless and adds <paramref name="configure"/> to the same client.
    /// </summary>
    /// <example><code>
    /// services.AddParleyClient("calculator", "tcp://127.0.0.1:5050");
    /// // later: [FromKeyedServices("calculator")] RpcClient client
    /// int sum = await client.InvokeAsync&lt;int&gt;("Calculator", "Add", [1, 2]);
    /// </code></example>
    /// <exception cref="FormatException"><paramref name="address"/> is not a Parley address.</exception>
    /// <exception cref="InvalidOperationException">The name is already registered with another address.</exception>
    public static ParleyClientBuilder AddParleyClient(
        this IServiceCollection services, string name, string address, Action<RpcClientOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        address = address.Trim();
        RpcAddress.Parse(address); // fails now, not at the first call
        var builder = Register(services, name, registration =>
        {
            if (registration.Address is { } existing && existing != address)
            {
                throw new InvalidOperationException($"The Parley client '{name}' is already registered for {existing}, not {address}.");
            }

            registration.Address = address;
        });
        return configure is null ? builder : builder.Configure(configure);
    }

    /// <summary>
    /// Registers a named <see cref="RpcClient"/> configured by section <paramref name="sectionName"/> of
    /// <paramref name="configuration"/>: it connects to the section's <c>Address</c> and binds its options from the
    /// section after <paramref name="configure"/>. A missing or invalid value fails the host's start (or the first
    /// resolution without a host) with <see cref="RpcConfigurationException"/> naming its key.
    /// </summary>
    public static ParleyClientBuilder AddParleyClient(
        this IServiceCollection services, string name, IConfiguration configuration, string sectionName, Action<RpcClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionName);
        var section = configuration.GetSection(sectionName);
        var builder = Register(services, name, registration => registration.Section = section);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return builder.Configure(options => options.Bind(section));
    }

    private static ParleyClientBuilder Register(IServiceCollection services, string name, Action<ParleyClientRegistration> where)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var setup = ServiceCollectionInstances.GetOrAdd(services, () => new ParleyClientSetup());
        var registration = setup.GetOrAdd(name, out var added);
        where(registration);
        if (added)
        {
            services.TryAddKeyedSingleton(name, (provider, _) => provider.GetRequiredService<ParleyClientSetup>().Create(name, provider));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ParleyClientStartupCheck>());
        return new ParleyClientBuilder(services, registration);
    }
}

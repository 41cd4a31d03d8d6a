using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Parley.Configuration;
using Parley.Hosting;
using Parley.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a Parley server in a service collection, run by the host as a hosted service.</summary>
public static class ParleyServerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the container's <see cref="RpcServer"/> (a singleton) and a hosted service that starts it with the host
    /// and drains it on shutdown. The server logs through the container's <see cref="Logging.ILoggerFactory"/> and uses a
    /// registered <see cref="TimeProvider"/>, if any. Calling this again is harmless: the registrations are added once,
    /// and each call's <paramref name="configure"/> adds to the same server builder, in call order.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds services, listeners, middleware and options; runs when the server is first resolved.
    /// Inside it, <c>AddService&lt;TContract, TImplementation&gt;()</c> resolves the implementation from the container.</param>
    /// <returns>A builder to add further steps to the same server.</returns>
    /// <example><code>
    /// services.AddParleyServer(server => server
    ///     .AddService&lt;ICalculator, Calculator&gt;()
    ///     .ListenTcp(IPAddress.Any, 5050));
    /// </code></example>
    public static ParleyServerBuilder AddParleyServer(this IServiceCollection services, Action<RpcServerBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var setup = ServiceCollectionInstances.GetOrAdd(services, () => new ParleyServerSetup());
        services.TryAddSingleton(provider => provider.GetRequiredService<ParleyServerSetup>().Build(provider));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ParleyServerHostedService>());
        var builder = new ParleyServerBuilder(services, setup);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return builder;
    }

    /// <summary>
    /// Like <see cref="AddParleyServer(IServiceCollection, Action{RpcServerBuilder}?)"/>, then binds the options from the
    /// <c>Parley:Server</c> section of <paramref name="configuration"/>. See
    /// <see cref="AddParleyServer(IServiceCollection, IConfiguration, string, Action{RpcServerBuilder}?)"/>.
    /// </summary>
    public static ParleyServerBuilder AddParleyServer(
        this IServiceCollection services, IConfiguration configuration, Action<RpcServerBuilder>? configure = null) =>
        services.AddParleyServer(configuration, ParleyConfiguration.ServerSection, configure);

    /// <summary>
    /// Like <see cref="AddParleyServer(IServiceCollection, Action{RpcServerBuilder}?)"/>, then binds the options from the
    /// section <paramref name="sectionName"/> of <paramref name="configuration"/> (see
    /// <see cref="RpcServerOptionsExtensions.Bind"/>). The section is read when the server is built, after
    /// <paramref name="configure"/>, so configuration can retune what code set; a <c>Preset</c> key there resets the
    /// values it covers first. An invalid value fails the host's start with <see cref="RpcConfigurationException"/>
    /// naming its key.
    /// </summary>
    public static ParleyServerBuilder AddParleyServer(
        this IServiceCollection services, IConfiguration configuration, string sectionName, Action<RpcServerBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionName);
        var section = configuration.GetSection(sectionName);
        return services.AddParleyServer(configure).Configure(server => server.Configure(options => options.Bind(section)));
    }
}

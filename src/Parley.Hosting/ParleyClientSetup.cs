using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Client;
using Parley.Configuration;

namespace Parley.Hosting;

/// <summary>The named clients registered in one service collection; one instance per collection.</summary>
internal sealed class ParleyClientSetup
{
    private readonly Dictionary<string, ParleyClientRegistration> _clients = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _clients.Keys;

    public ParleyClientRegistration GetOrAdd(string name, out bool added)
    {
        added = !_clients.TryGetValue(name, out var registration);
        if (added)
        {
            registration = new ParleyClientRegistration(name);
            _clients.Add(name, registration);
        }

        return registration!;
    }

    /// <summary>Creates the client: the host's logger factory, registry and clock first, then every step in order.</summary>
    public RpcClient Create(string name, IServiceProvider services)
    {
        var registration = _clients[name];
        var options = new RpcClientOptions
        {
            LoggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            Registry = services.GetService<Parley.Discovery.IServiceRegistry>(), // for registry:// addresses
        };
        if (services.GetService<TimeProvider>() is { } time)
        {
            options.TimeProvider = time;
        }

        foreach (var step in registration.Steps)
        {
            step(options, services);
        }

        return new RpcClient(ResolveEndPoint(registration), options);
    }

    private static System.Net.EndPoint ResolveEndPoint(ParleyClientRegistration registration)
    {
        if (registration.Address is { } address)
        {
            return RpcAddress.Parse(address);
        }

        var section = registration.Section!;
        var key = section.GetSection(ParleyConfiguration.AddressKey);
        if (string.IsNullOrWhiteSpace(key.Value))
        {
            throw new RpcConfigurationException(key.Path, "the client needs the address of its server, e.g. tcp://127.0.0.1:5050.");
        }

        try
        {
            return RpcAddress.Parse(key.Value.Trim());
        }
        catch (FormatException ex)
        {
            throw new RpcConfigurationException(key.Path, ex.Message, ex);
        }
    }
}

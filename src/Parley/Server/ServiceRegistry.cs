using Parley.Codecs;

namespace Parley.Server;

/// <summary>The services a server exposes, by name. Filled while building the server, read-only afterwards.</summary>
internal sealed class ServiceRegistry
{
    private readonly Dictionary<string, Dictionary<string, RegisteredMethod>> _services = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> ServiceNames => _services.Keys;

    /// <summary>Registers a service. Throws <see cref="ArgumentException"/> when its name is taken.</summary>
    public void Add(RpcServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (_services.ContainsKey(service.Name))
        {
            throw new ArgumentException($"A service named '{service.Name}' is already registered.", nameof(service));
        }

        if (service.Methods.Count == 0)
        {
            throw new ArgumentException($"Service '{service.Name}' has no methods.", nameof(service));
        }

        _services.Add(service.Name, service.Methods.ToDictionary(
            m => m.Descriptor.Name, m => new RegisteredMethod(service.Name, m), StringComparer.Ordinal));
    }

    /// <summary>Checks every method against the server's codecs; throws when a method has no codec able to carry it.</summary>
    public void CheckCodecs(IReadOnlyCollection<RpcCodec> codecs)
    {
        foreach (var methods in _services.Values)
        {
            foreach (var method in methods.Values)
            {
                if (!method.CheckCodecs(codecs, out var reasons))
                {
                    throw new InvalidOperationException(
                        $"No codec of this server can carry {method.Service}.{method.Name}: {reasons}.");
                }
            }
        }
    }

    public bool TryFind(string service, string method, out RegisteredMethod? found, out string? error)
    {
        found = null;
        if (!_services.TryGetValue(service, out var methods))
        {
            error = $"service '{service}' is not registered on this server";
            return false;
        }

        if (!methods.TryGetValue(method, out found))
        {
            error = $"service '{service}' has no method '{method}'";
            return false;
        }

        error = null;
        return true;
    }
}

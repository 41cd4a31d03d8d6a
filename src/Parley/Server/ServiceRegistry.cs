using System.Reflection;

namespace Parley.Server;

/// <summary>The services a server exposes, by name. Filled while building the server, read-only afterwards.</summary>
internal sealed class ServiceRegistry
{
    private readonly Dictionary<string, Dictionary<string, ServiceMethod>> _services = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> ServiceNames => _services.Keys;

    /// <summary>Registers the public methods of <paramref name="contract"/> implemented by <paramref name="implementation"/>.</summary>
    public void Add(Type contract, object implementation, string? name)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(implementation);
        if (!contract.IsInstanceOfType(implementation))
        {
            throw new ArgumentException($"{implementation.GetType().Name} does not implement {contract.Name}.", nameof(implementation));
        }

        var service = name ?? Parley.ServiceNames.ForService(contract);
        if (_services.ContainsKey(service))
        {
            throw new ArgumentException($"A service named '{service}' is already registered.", nameof(name));
        }

        var methods = new Dictionary<string, ServiceMethod>(StringComparer.Ordinal);
        foreach (var method in ContractMethods(contract))
        {
            var bound = ServiceMethod.Create(service, implementation, method);
            if (!methods.TryAdd(bound.Name, bound))
            {
                throw new ArgumentException(
                    $"Service '{service}' has two methods named '{bound.Name}'; overloads are not supported, rename one or use [RpcMethod].");
            }
        }

        if (methods.Count == 0)
        {
            throw new ArgumentException($"Service '{service}' ({contract.Name}) has no public methods.", nameof(contract));
        }

        _services.Add(service, methods);
    }

    /// <summary>Checks every method against the server's codecs; throws when a method has no codec able to carry it.</summary>
    public void CheckCodecs(IReadOnlyCollection<Codecs.RpcCodec> codecs)
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

    public bool TryFind(string service, string method, out ServiceMethod? found, out string? error)
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

    private static IEnumerable<MethodInfo> ContractMethods(Type contract)
    {
        if (contract.IsInterface)
        {
            return contract.GetMethods().Concat(contract.GetInterfaces().SelectMany(i => i.GetMethods()))
                .Where(m => !m.IsSpecialName && !m.IsStatic);
        }

        return contract.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && m.DeclaringType != typeof(object)
                && m.Name is not (nameof(IDisposable.Dispose) or nameof(IAsyncDisposable.DisposeAsync)));
    }
}

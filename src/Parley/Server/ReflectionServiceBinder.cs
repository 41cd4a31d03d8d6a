using System.Reflection;

namespace Parley.Server;

/// <summary>Builds a <see cref="RpcServiceDefinition"/> from a contract type and an implementation, by reflection.</summary>
internal static class ReflectionServiceBinder
{
    public static RpcServiceDefinition Bind(Type contract, object implementation, string? name)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(implementation);
        if (!contract.IsInstanceOfType(implementation))
        {
            throw new ArgumentException($"{implementation.GetType().Name} does not implement {contract.Name}.", nameof(implementation));
        }

        var service = name ?? ServiceNames.ForService(contract);
        var methods = ContractMethods(contract).Select(m => ReflectionMethodBinder.Bind(service, implementation, m)).ToList();
        if (methods.Count == 0)
        {
            throw new ArgumentException($"Service '{service}' ({contract.Name}) has no public methods.", nameof(contract));
        }

        return new RpcServiceDefinition(service, methods);
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

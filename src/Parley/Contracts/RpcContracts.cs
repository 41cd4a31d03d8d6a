using System.Collections.Concurrent;
using Parley.Client;
using Parley.Server;

namespace Parley.Contracts;

/// <summary>
/// The contracts compiled into the process: for each <c>[RpcService]</c> interface, the source generator registers its
/// descriptor, a proxy factory and a dispatcher factory here (from a module initializer), so that
/// <see cref="RpcClient.GetService{TContract}"/> and <see cref="RpcServerBuilder.AddService{TContract}"/> use generated
/// code, with no reflection per call. Thread-safe.
/// </summary>
public static class RpcContracts
{
    private static readonly ConcurrentDictionary<Type, object> Registered = new();

    /// <summary>Registers the generated code of <typeparamref name="TContract"/>. A second registration replaces the first.</summary>
    public static void Register<TContract>(
        RpcServiceDescriptor descriptor,
        Func<RpcClient, CallOptions?, TContract> createProxy,
        Func<TContract, RpcServiceDefinition> createDispatcher)
        where TContract : class
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(createProxy);
        ArgumentNullException.ThrowIfNull(createDispatcher);
        Registered[typeof(TContract)] = new GeneratedContract<TContract>(descriptor, createProxy, createDispatcher);
    }

    /// <summary>Finds the generated code of <typeparamref name="TContract"/>.</summary>
    public static bool TryGet<TContract>(out GeneratedContract<TContract>? contract)
        where TContract : class
    {
        contract = Registered.TryGetValue(typeof(TContract), out var found) ? (GeneratedContract<TContract>)found : null;
        return contract is not null;
    }
}

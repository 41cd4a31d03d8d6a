using Parley.Client;
using Parley.Server;

namespace Parley.Contracts;

/// <summary>What the source generator produced for one contract: its descriptor, proxy factory and dispatcher factory.</summary>
/// <typeparam name="TContract">The contract interface.</typeparam>
public sealed class GeneratedContract<TContract>
    where TContract : class
{
    private readonly Func<RpcClient, CallOptions?, TContract> _createProxy;
    private readonly Func<TContract, RpcServiceDefinition> _createDispatcher;

    internal GeneratedContract(
        RpcServiceDescriptor descriptor,
        Func<RpcClient, CallOptions?, TContract> createProxy,
        Func<TContract, RpcServiceDefinition> createDispatcher)
    {
        Descriptor = descriptor;
        _createProxy = createProxy;
        _createDispatcher = createDispatcher;
    }

    /// <summary>The contract's descriptor.</summary>
    public RpcServiceDescriptor Descriptor { get; }

    /// <summary>Creates a client proxy.</summary>
    public TContract CreateProxy(RpcClient client, CallOptions? options) => _createProxy(client, options);

    /// <summary>Creates the server definition that dispatches to <paramref name="implementation"/>.</summary>
    public RpcServiceDefinition CreateDispatcher(TContract implementation) => _createDispatcher(implementation);
}

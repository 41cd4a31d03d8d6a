using Parley.Contracts;

namespace Parley.Server;

/// <summary>A method the server can run: its descriptor and its invoker. Immutable.</summary>
public sealed class RpcMethodDefinition(RpcMethodDescriptor descriptor, RpcMethodInvoker invoker)
{
    /// <summary>The method's wire shape.</summary>
    public RpcMethodDescriptor Descriptor { get; } = descriptor ?? throw new ArgumentNullException(nameof(descriptor));

    /// <summary>Runs the method.</summary>
    public RpcMethodInvoker Invoker { get; } = invoker ?? throw new ArgumentNullException(nameof(invoker));
}

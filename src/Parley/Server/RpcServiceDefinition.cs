using Parley.Contracts;

namespace Parley.Server;

/// <summary>
/// A service the server can run: a name and its method definitions. Generated dispatchers create one per
/// implementation; the reflection path builds the same shape; it may also be written by hand. Immutable.
/// </summary>
public sealed class RpcServiceDefinition
{
    /// <summary>Creates a definition. Throws <see cref="ArgumentException"/> when two methods share a name.</summary>
    public RpcServiceDefinition(string name, IReadOnlyList<RpcMethodDefinition> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        Methods = methods;
        Descriptor = new RpcServiceDescriptor(name, [.. methods.Select(m => m.Descriptor)]);
    }

    /// <summary>The wire name.</summary>
    public string Name => Descriptor.Name;

    /// <summary>The methods.</summary>
    public IReadOnlyList<RpcMethodDefinition> Methods { get; }

    /// <summary>The service's descriptor.</summary>
    public RpcServiceDescriptor Descriptor { get; }

    /// <summary>The same methods under another service name.</summary>
    public RpcServiceDefinition WithName(string name) => new(name, Methods);
}

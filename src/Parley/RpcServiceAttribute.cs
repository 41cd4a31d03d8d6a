namespace Parley;

/// <summary>
/// Marks an interface (or class) as a Parley service contract and optionally names it. Without a name, the service is
/// named after the type, minus the leading <c>I</c> of an interface name (<c>ICalculator</c> → <c>Calculator</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Class, Inherited = false)]
public sealed class RpcServiceAttribute : Attribute
{
    /// <summary>Marks the contract with its default name.</summary>
    public RpcServiceAttribute()
    {
    }

    /// <summary>Marks the contract with an explicit service name.</summary>
    public RpcServiceAttribute(string name) => Name = name;

    /// <summary>The service name on the wire, or null for the default.</summary>
    public string? Name { get; }
}

namespace Parley;

/// <summary>
/// Names a method on the wire. Without it, a method is named after itself minus an <c>Async</c> suffix
/// (<c>AddAsync</c> → <c>Add</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RpcMethodAttribute(string name) : Attribute
{
    /// <summary>The method name on the wire.</summary>
    public string Name { get; } = name;
}

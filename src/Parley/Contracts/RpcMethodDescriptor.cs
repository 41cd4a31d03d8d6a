namespace Parley.Contracts;

/// <summary>
/// One method of a service contract as the wire sees it: its name, the types of its arguments and result, and the
/// contract's attributes. Shared by the client proxy and the server dispatcher of a contract. Immutable.
/// </summary>
public sealed class RpcMethodDescriptor
{
    /// <summary>Describes a method.</summary>
    /// <param name="name">The wire name.</param>
    /// <param name="argumentTypes">The argument types on the wire, in order (a trailing CancellationToken excluded).</param>
    /// <param name="resultType">The result type, or null when the method returns nothing.</param>
    /// <param name="isOneWay">Called one-way: the caller does not wait for, and the server sends, no response.</param>
    /// <param name="isIdempotent">Safe to run more than once, so retry policies may repeat it.</param>
    /// <param name="timeout">The contract's timeout for the method, or null for the client's default.</param>
    public RpcMethodDescriptor(
        string name, Type[] argumentTypes, Type? resultType, bool isOneWay = false, bool isIdempotent = false, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(argumentTypes);
        if (isOneWay && resultType is not null)
        {
            throw new ArgumentException($"One-way method '{name}' cannot return a value.", nameof(isOneWay));
        }

        Name = name;
        ArgumentTypes = argumentTypes;
        ResultType = resultType;
        IsOneWay = isOneWay;
        IsIdempotent = isIdempotent;
        Timeout = timeout;
    }

    /// <summary>The wire name.</summary>
    public string Name { get; }

    /// <summary>The argument types on the wire, in order.</summary>
    public Type[] ArgumentTypes { get; }

    /// <summary>The result type, or null when the method returns nothing.</summary>
    public Type? ResultType { get; }

    /// <summary>Whether callers send it one-way.</summary>
    public bool IsOneWay { get; }

    /// <summary>Whether the method may safely run more than once.</summary>
    public bool IsIdempotent { get; }

    /// <summary>The contract's timeout for this method, or null.</summary>
    public TimeSpan? Timeout { get; }
}

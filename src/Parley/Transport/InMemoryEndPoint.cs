using System.Net;

namespace Parley.Transport;

/// <summary>The address of an <see cref="InMemoryTransport"/>: just a name.</summary>
public sealed class InMemoryEndPoint(string name) : EndPoint
{
    /// <summary>The transport's name.</summary>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public override string ToString() => "memory://" + Name;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is InMemoryEndPoint other && other.Name == Name;

    /// <inheritdoc/>
    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}

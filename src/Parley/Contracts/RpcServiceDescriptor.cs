using Parley.Codecs;

namespace Parley.Contracts;

/// <summary>A service contract: its wire name and its methods. Immutable.</summary>
public sealed class RpcServiceDescriptor
{
    /// <summary>Describes a service. Throws <see cref="ArgumentException"/> when two methods share a name.</summary>
    public RpcServiceDescriptor(string name, IReadOnlyList<RpcMethodDescriptor> methods)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(methods);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in methods)
        {
            if (!names.Add(method.Name))
            {
                throw new ArgumentException(
                    $"Service '{name}' has two methods named '{method.Name}'; overloads are not supported, rename one or use [RpcMethod].",
                    nameof(methods));
            }
        }

        Name = name;
        Methods = methods;
    }

    /// <summary>The wire name.</summary>
    public string Name { get; }

    /// <summary>The methods.</summary>
    public IReadOnlyList<RpcMethodDescriptor> Methods { get; }

    /// <summary>Whether <paramref name="codec"/> can carry every method; otherwise the first reason it cannot.</summary>
    public bool CanBeCarriedBy(RpcCodec codec, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(codec);
        foreach (var method in Methods)
        {
            if (!codec.CanCarry(method, out var why))
            {
                reason = $"{Name}.{method.Name}: {why}";
                return false;
            }
        }

        reason = null;
        return true;
    }
}

using Parley.Codecs;

namespace Parley.Server;

/// <summary>A method as the registry holds it: its definition, plus which of the server's codecs cannot carry it.</summary>
internal sealed class RegisteredMethod(string service, RpcMethodDefinition definition)
{
    private Dictionary<byte, string>? _uncarriedBy;

    public string Service { get; } = service;

    public RpcMethodDefinition Definition { get; } = definition;

    public string Name => Definition.Descriptor.Name;

    public Type[] ArgumentTypes => Definition.Descriptor.ArgumentTypes;

    public Type? ResultType => Definition.Descriptor.ResultType;

    /// <summary>Records which of the server's codecs cannot carry this method (see <see cref="RpcCodec.CanCarry(Contracts.RpcMethodDescriptor, out string?)"/>).</summary>
    /// <returns>False when none of them can.</returns>
    public bool CheckCodecs(IEnumerable<RpcCodec> codecs, out string? reasons)
    {
        var carried = false;
        var why = new List<string>();
        foreach (var codec in codecs)
        {
            if (codec.CanCarry(Definition.Descriptor, out var reason))
            {
                carried = true;
                continue;
            }

            (_uncarriedBy ??= [])[codec.Id] = reason ?? "unsupported types";
            why.Add($"{codec.Name}: {reason}");
        }

        reasons = string.Join("; ", why);
        return carried;
    }

    /// <summary>Why the codec with this id cannot carry this method, or null when it can.</summary>
    public string? WhyNotCarriedBy(byte codecId) => _uncarriedBy?.GetValueOrDefault(codecId);
}

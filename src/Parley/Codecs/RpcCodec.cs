using System.Buffers;

namespace Parley.Codecs;

/// <summary>
/// The codec seam: how argument lists and results become payload bytes. Each codec has a one-byte id that travels in
/// every frame, so one server answers JSON and binary callers side by side, each in the codec it used.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe: one instance serves every call of a client or server concurrently. A failure
/// to decode is reported by throwing; the server answers INVALID_ARGUMENT, the client fails the call with INTERNAL.
/// </remarks>
public abstract class RpcCodec
{
    /// <summary>The id written in byte 4 of each frame header. 0 is reserved for "no codec".</summary>
    public abstract byte Id { get; }

    /// <summary>A short lower-case name for messages and tools, e.g. <c>json</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Writes one value (a result) of the declared <paramref name="type"/>.</summary>
    public abstract void Serialize(IBufferWriter<byte> output, object? value, Type type);

    /// <summary>
    /// Reads one value as <paramref name="type"/>. An empty payload means null (or the default of a value type).
    /// With <c>typeof(object)</c> the codec returns natural .NET values: <see cref="long"/>, <see cref="double"/>,
    /// <see cref="string"/>, <see cref="bool"/>, <c>object?[]</c> and <c>Dictionary&lt;string, object?&gt;</c>.
    /// </summary>
    public abstract object? Deserialize(ReadOnlySequence<byte> input, Type type);

    /// <summary>Writes an argument list as one array, each element encoded by its runtime type.</summary>
    public abstract void SerializeArguments(IBufferWriter<byte> output, ReadOnlySpan<object?> arguments);

    /// <summary>
    /// Whether this codec can carry a method with these argument and result types. Most codecs carry anything; a codec
    /// for one family of types (Protobuf messages) says no, with a reason. The server checks every registered method
    /// once, at build time, and answers calls that use a codec unable to carry their method with UNIMPLEMENTED.
    /// </summary>
    /// <param name="argumentTypes">The method's argument types on the wire (injected parameters excluded).</param>
    /// <param name="resultType">The result type, or null when the method returns nothing.</param>
    /// <param name="reason">Why not, when the answer is false.</param>
    public virtual bool CanCarry(ReadOnlySpan<Type> argumentTypes, Type? resultType, out string? reason)
    {
        reason = null;
        return true;
    }

    /// <summary>
    /// Whether this codec can carry every message of <paramref name="method"/>: its argument list, its response messages
    /// and, for client-streaming and bidirectional methods, each message of the request stream. A streaming method with
    /// no other argument sends an empty argument list without the codec, so its request stream stands in for the
    /// arguments. The default asks <see cref="CanCarry(ReadOnlySpan{Type}, Type?, out string?)"/> for each part.
    /// </summary>
    public virtual bool CanCarry(Contracts.RpcMethodDescriptor method, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.RequestStreamType is not { } itemType)
        {
            return CanCarry(method.ArgumentTypes, method.ResultType, out reason);
        }

        if (method.ArgumentTypes.Length == 0)
        {
            return CanCarry([itemType], method.ResultType, out reason);
        }

        if (!CanCarry(method.ArgumentTypes, method.ResultType, out reason))
        {
            return false;
        }

        if (!CanCarry([itemType], null, out var itemReason))
        {
            reason = $"the request stream's items ({itemType.Name}): {itemReason}";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Reads an argument list written by <see cref="SerializeArguments"/>, converting element i to
    /// <paramref name="parameterTypes"/>[i]. An empty payload is an empty list. Throws when the count differs.
    /// </summary>
    public abstract object?[] DeserializeArguments(ReadOnlySequence<byte> input, ReadOnlySpan<Type> parameterTypes);
}

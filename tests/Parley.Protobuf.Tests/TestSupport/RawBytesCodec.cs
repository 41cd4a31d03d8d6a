using System.Buffers;
using Parley.Codecs;

namespace Parley.Protobuf.Tests.TestSupport;

/// <summary>
/// Sends fixed bytes as the arguments, and each stream item (a byte array) as it is, under the protobuf codec id, to put
/// malformed payloads on the wire.
/// </summary>
public sealed class RawBytesCodec(byte[]? payload = null) : RpcCodec
{
    public override byte Id => CodecIds.Protobuf;

    public override string Name => "raw";

    public override void Serialize(IBufferWriter<byte> output, object? value, Type type) => output.Write((byte[])value!);

    public override object? Deserialize(ReadOnlySequence<byte> input, Type type) => input.ToArray();

    public override void SerializeArguments(IBufferWriter<byte> output, ReadOnlySpan<object?> arguments) => output.Write(payload ?? []);

    public override object?[] DeserializeArguments(ReadOnlySequence<byte> input, ReadOnlySpan<Type> parameterTypes) =>
        throw new NotSupportedException();
}

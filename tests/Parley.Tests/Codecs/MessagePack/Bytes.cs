using System.Buffers;
using Parley.Codecs.MessagePack;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>Encoding and decoding through the codec seam, with hex for readable expectations.</summary>
internal static class Bytes
{
    public static byte[] Encode(object? value, Type type, MessagePackRpcCodec? codec = null)
    {
        var output = new ArrayBufferWriter<byte>();
        (codec ?? MessagePackRpcCodec.Default).Serialize(output, value, type);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Encode<T>(T value) => Encode(value, typeof(T));

    public static object? Decode(byte[] bytes, Type type, MessagePackRpcCodec? codec = null) =>
        (codec ?? MessagePackRpcCodec.Default).Deserialize(new ReadOnlySequence<byte>(bytes), type);

    public static T Decode<T>(byte[] bytes) => (T)Decode(bytes, typeof(T))!;

    public static byte[] FromHex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}

using System.Buffers.Binary;

namespace Parley.Protocol;

/// <summary>
/// The fixed 24-byte header that starts every frame. All integers are big-endian (network order).
/// </summary>
/// <remarks>
/// <code>
/// offset size field
///  0     2    magic 0x50 0x4C ("PL")
///  2     1    version (1)
///  3     1    frame type
///  4     1    codec id
///  5     1    flags
///  6     2    status (RESPONSE, GOAWAY, STREAM_END; zero otherwise)
///  8     8    request id
/// 16     4    metadata length
/// 20     4    payload length
/// </code>
/// </remarks>
public readonly record struct FrameHeader(
    FrameType Type,
    byte Codec,
    FrameFlags Flags,
    StatusCode Status,
    ulong RequestId,
    int MetadataLength,
    int PayloadLength)
{
    /// <summary>The size of the header in bytes.</summary>
    public const int Size = 24;

    /// <summary>The magic number, the ASCII bytes "PL".</summary>
    public const ushort Magic = 0x504C;

    /// <summary>The protocol version this implementation speaks.</summary>
    public const byte CurrentVersion = 1;

    /// <summary>The whole frame's length: header, metadata and payload.</summary>
    public long FrameLength => Size + (long)MetadataLength + PayloadLength;

    /// <summary>Writes the header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        var header = destination[..Size];
        BinaryPrimitives.WriteUInt16BigEndian(header, Magic);
        header[2] = CurrentVersion;
        header[3] = (byte)Type;
        header[4] = Codec;
        header[5] = (byte)Flags;
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], (ushort)Status);
        BinaryPrimitives.WriteUInt64BigEndian(header[8..], RequestId);
        BinaryPrimitives.WriteUInt32BigEndian(header[16..], (uint)MetadataLength);
        BinaryPrimitives.WriteUInt32BigEndian(header[20..], (uint)PayloadLength);
    }
}

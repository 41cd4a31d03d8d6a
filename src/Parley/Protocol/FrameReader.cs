using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;

namespace Parley.Protocol;

/// <summary>
/// Parses frames from a byte stream. A pure function over <see cref="ReadOnlySequence{T}"/>: it checks the header and
/// the limits before the rest of a frame has arrived, so an oversized or malformed frame is rejected without buffering it.
/// </summary>
public static class FrameReader
{
    private const byte MagicHigh = FrameHeader.Magic >> 8;
    private const byte MagicLow = FrameHeader.Magic & 0xFF;

    /// <summary>
    /// Reads one frame from the start of <paramref name="buffer"/>. On <see cref="FrameReadStatus.Complete"/> the buffer
    /// is advanced past the frame; on <see cref="FrameReadStatus.Invalid"/> <paramref name="error"/> says why.
    /// </summary>
    public static FrameReadStatus TryRead(
        ref ReadOnlySequence<byte> buffer, ProtocolLimits limits, out Frame frame, out string? error)
    {
        frame = default;
        error = null;
        if (buffer.IsEmpty)
        {
            return FrameReadStatus.Incomplete;
        }

        Span<byte> header = stackalloc byte[FrameHeader.Size];
        var available = (int)Math.Min(buffer.Length, FrameHeader.Size);
        buffer.Slice(0, available).CopyTo(header);

        // Check what has arrived as soon as it arrives: garbage is rejected on its first bytes, not after 24.
        if (!TryCheckPrefix(header[..available], out error))
        {
            return FrameReadStatus.Invalid;
        }

        if (available < FrameHeader.Size)
        {
            return FrameReadStatus.Incomplete;
        }

        var type = (FrameType)header[3];
        var codec = header[4];
        var flags = (FrameFlags)header[5];
        var status = (StatusCode)BinaryPrimitives.ReadUInt16BigEndian(header[6..]);
        var requestId = BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
        var metadataLength = BinaryPrimitives.ReadUInt32BigEndian(header[16..]);
        var payloadLength = BinaryPrimitives.ReadUInt32BigEndian(header[20..]);

        if (metadataLength > (uint)limits.MaxMetadataBytes)
        {
            error = $"metadata length {metadataLength} exceeds the limit of {limits.MaxMetadataBytes} bytes";
            return FrameReadStatus.Invalid;
        }

        if (payloadLength > (uint)limits.MaxPayloadBytes)
        {
            error = $"payload length {payloadLength} exceeds the limit of {limits.MaxPayloadBytes} bytes";
            return FrameReadStatus.Invalid;
        }

        var parsed = new FrameHeader(type, codec, flags, status, requestId, (int)metadataLength, (int)payloadLength);
        if (!TryCheckSemantics(parsed, out error))
        {
            return FrameReadStatus.Invalid;
        }

        if (buffer.Length < parsed.FrameLength)
        {
            return FrameReadStatus.Incomplete;
        }

        var metadata = buffer.Slice(FrameHeader.Size, parsed.MetadataLength);
        var payload = buffer.Slice(FrameHeader.Size + parsed.MetadataLength, parsed.PayloadLength);
        frame = new Frame(parsed, metadata, payload);
        buffer = buffer.Slice(parsed.FrameLength);
        return FrameReadStatus.Complete;
    }

    private static bool TryCheckPrefix(ReadOnlySpan<byte> prefix, out string? error)
    {
        error = null;
        if (prefix.Length >= 1 && prefix[0] != MagicHigh
            || prefix.Length >= 2 && prefix[1] != MagicLow)
        {
            error = "bad magic 0x" + Convert.ToHexString(prefix[..Math.Min(2, prefix.Length)]) + " (expected 0x504C \"PL\")";
            return false;
        }

        if (prefix.Length >= 3 && prefix[2] != FrameHeader.CurrentVersion)
        {
            error = "unsupported protocol version " + prefix[2].ToString(CultureInfo.InvariantCulture) + " (this peer speaks 1)";
            return false;
        }

        if (prefix.Length >= 4 && prefix[3] is < (byte)FrameType.Hello or > (byte)FrameType.Credit)
        {
            error = "unknown frame type 0x" + prefix[3].ToString("X2", CultureInfo.InvariantCulture);
            return false;
        }

        if (prefix.Length >= 6 && prefix[5] != 0
            && !(prefix[3] == (byte)FrameType.StreamMessage && prefix[5] == (byte)FrameFlags.More))
        {
            error = "reserved flag bits set: 0x" + prefix[5].ToString("X2", CultureInfo.InvariantCulture);
            return false;
        }

        return true;
    }

    // Rules that depend on the frame type; see the frame table in docs/protocol.md.
    private static bool TryCheckSemantics(in FrameHeader header, out string? error)
    {
        error = header.Type switch
        {
            _ when header.Status != StatusCode.Ok
                && header.Type is not (FrameType.Response or FrameType.GoAway or FrameType.StreamEnd)
                => $"{header.Type} frame carries a status; only RESPONSE, GOAWAY and STREAM_END may",
            FrameType.Request or FrameType.Response or FrameType.OneWay or FrameType.Cancel
                or FrameType.StreamMessage or FrameType.StreamEnd when header.RequestId == 0
                => $"{header.Type} frame has request id 0",
            FrameType.Hello or FrameType.Ping or FrameType.Pong when header.RequestId != 0
                => $"{header.Type} frame has a non-zero request id",
            FrameType.Ping or FrameType.Pong when header.PayloadLength != 8 || header.MetadataLength != 0
                => $"{header.Type} frame must carry exactly 8 payload bytes and no metadata",
            FrameType.Cancel when header.PayloadLength != 0 || header.MetadataLength != 0
                => "CANCEL frame must be empty",
            FrameType.Credit when header.PayloadLength != 4 || header.MetadataLength != 0
                => "CREDIT frame must carry exactly 4 payload bytes and no metadata",
            FrameType.StreamMessage or FrameType.StreamEnd when header.MetadataLength != 0
                => $"{header.Type} frame carries metadata",
            _ => null,
        };
        return error is null;
    }
}

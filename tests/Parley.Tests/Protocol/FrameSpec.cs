using System.Buffers;
using System.Globalization;
using System.Text;
using Parley.Protocol;

namespace Parley.Tests.Protocol;

/// <summary>
/// A frame described by its fields, encoded with <see cref="FrameBuilder"/> and compared field by field with what
/// <see cref="FrameReader"/> decodes.
/// </summary>
internal sealed record FrameSpec(
    FrameType Type,
    byte Codec,
    StatusCode Status,
    ulong RequestId,
    IReadOnlyList<KeyValuePair<string, string>> Metadata,
    byte[] Payload)
{
    /// <summary>The metadata block length, computed from the format rather than taken from the encoder.</summary>
    public int ExpectedMetadataLength =>
        Metadata.Sum(entry => 1 + entry.Key.Length + 2 + Encoding.UTF8.GetByteCount(entry.Value));

    public FrameHeader ExpectedHeader =>
        new(Type, Codec, FrameFlags.None, Status, RequestId, ExpectedMetadataLength, Payload.Length);

    public long ExpectedFrameLength => FrameHeader.Size + (long)ExpectedMetadataLength + Payload.Length;

    public static FrameSpec Create(
        FrameType type, ulong requestId, int payloadLength, StatusCode status = StatusCode.Ok, byte codec = 1,
        params KeyValuePair<string, string>[] metadata) =>
        new(type, codec, status, requestId, metadata, PayloadBytes(payloadLength, seed: payloadLength));

    /// <summary>Deterministic, non-repeating-looking bytes, so that a shifted or truncated payload never compares equal.</summary>
    public static byte[] PayloadBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Encodes the frame with <see cref="FrameBuilder.Create"/> and returns a copy of its bytes.</summary>
    public byte[] Encode()
    {
        RpcMetadata? metadata = null;
        if (Metadata.Count > 0)
        {
            metadata = new RpcMetadata();
            foreach (var (key, value) in Metadata)
            {
                metadata.AddUnchecked(key, value); // protocol (:) keys included: this is the wire format
            }
        }

        var frame = FrameBuilder.Create(Type, Status, RequestId, metadata, Payload, Codec);
        try
        {
            return frame.Span.ToArray();
        }
        finally
        {
            frame.Release();
        }
    }

    /// <summary>Asserts that <paramref name="frame"/> carries exactly this frame's fields, metadata and payload.</summary>
    public void AssertMatches(Frame frame)
    {
        Assert.Equal(ExpectedHeader, frame.Header);
        Assert.Equal(ExpectedMetadataLength, frame.Metadata.Length);
        Assert.True(
            MetadataCodec.TryRead(frame.Metadata, new ProtocolLimits(), out var metadata, out var error),
            "metadata did not decode: " + error);
        Assert.Equal(Metadata, metadata);
        Assert.Equal(Payload, frame.Payload.ToArray());
    }

    public override string ToString()
    {
        var metadata = string.Join(", ", Metadata.Select(e => e.Key + "=" + e.Value));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Type} codec={Codec} status={Status} id={RequestId} metadata=[{metadata}] payload={Payload.Length}B");
    }
}

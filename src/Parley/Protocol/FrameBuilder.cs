using System.Buffers;

namespace Parley.Protocol;

/// <summary>
/// Encodes one frame into a pooled buffer: header space first, then metadata, then whatever the caller (a codec)
/// writes as payload; <see cref="Finish"/> fills in the header. One builder is cached per thread, since building is
/// synchronous.
/// </summary>
internal sealed class FrameBuilder : IBufferWriter<byte>
{
    [ThreadStatic]
    private static FrameBuilder? t_cached;

    private byte[] _buffer = [];
    private int _written;
    private int _metadataLength;

    /// <summary>Starts a frame and writes <paramref name="metadata"/>; more entries may follow before the payload.</summary>
    public static FrameBuilder Start(RpcMetadata? metadata, int payloadSizeHint = 256)
    {
        var builder = t_cached ?? new FrameBuilder();
        t_cached = null;
        builder._buffer = FrameBuffers.Rent(FrameHeader.Size + 128 + payloadSizeHint);
        builder._written = FrameHeader.Size;
        try
        {
            builder._metadataLength = MetadataCodec.Write(builder, metadata);
        }
        catch
        {
            builder.Abandon(); // the pooled buffer goes back even when a metadata value cannot be encoded
            throw;
        }

        return builder;
    }

    /// <summary>Adds one metadata entry; only valid before the first payload byte is written.</summary>
    public void AddMetadata(string key, string value) => _metadataLength += MetadataCodec.WriteEntry(this, key, value);

    /// <summary>Adds a metadata entry whose value is a number (written as decimal ASCII, with no string made).</summary>
    public void AddMetadata(string key, long number) => _metadataLength += MetadataCodec.WriteEntry(this, key, number);

    /// <summary>Bytes written after the metadata so far.</summary>
    public int PayloadLength => _written - FrameHeader.Size - _metadataLength;

    public int MetadataLength => _metadataLength;

    /// <summary>Writes the header and hands the buffer over; the builder goes back to the thread's cache.</summary>
    public OutgoingFrame Finish(FrameType type, byte codec, StatusCode status, ulong requestId, FrameFlags flags = FrameFlags.None)
    {
        var header = new FrameHeader(type, codec, flags, status, requestId, _metadataLength, PayloadLength);
        header.Write(_buffer);
        var frame = new OutgoingFrame(_buffer, _written);
        Recycle(returnBuffer: false);
        return frame;
    }

    /// <summary>Gives up on the frame (e.g. the codec threw) and returns the buffer to the pool.</summary>
    public void Abandon() => Recycle(returnBuffer: true);

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Builds a frame with no codec payload: a raw byte payload such as a UTF-8 error message.</summary>
    public static OutgoingFrame Create(
        FrameType type, StatusCode status, ulong requestId, RpcMetadata? metadata, ReadOnlySpan<byte> payload, byte codec = 0,
        FrameFlags flags = FrameFlags.None)
    {
        var builder = Start(metadata, payload.Length);
        payload.CopyTo(builder.GetSpan(payload.Length));
        builder.Advance(payload.Length);
        return builder.Finish(type, codec, status, requestId, flags);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = FrameBuffers.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        FrameBuffers.Return(_buffer);
        _buffer = larger;
    }

    private void Recycle(bool returnBuffer)
    {
        if (returnBuffer && _buffer.Length > 0)
        {
            FrameBuffers.Return(_buffer);
        }

        _buffer = [];
        _written = 0;
        _metadataLength = 0;
        t_cached = this;
    }
}

using Parley.Protocol;
using System.Buffers;

namespace Parley.Streams;

/// <summary>One whole stream message received, in a pooled buffer that whoever decodes it must <see cref="Release"/>.</summary>
internal readonly struct InboundMessage(byte[]? buffer, int length, byte codec)
{
    /// <summary>The codec id the message's frames carried.</summary>
    public byte Codec => codec;

    public ReadOnlySequence<byte> Payload =>
        buffer is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(buffer, 0, length);

    public int Length => length;

    public void Release()
    {
        if (buffer is not null)
        {
            FrameBuffers.Return(buffer);
        }
    }
}

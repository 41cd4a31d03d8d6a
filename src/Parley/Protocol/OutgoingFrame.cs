using System.Buffers;

namespace Parley.Protocol;

/// <summary>
/// A fully encoded frame in a buffer rented from <see cref="ArrayPool{T}.Shared"/>. Whoever holds it last calls
/// <see cref="Release"/> exactly once (the write loop, after copying it to the transport).
/// </summary>
internal readonly struct OutgoingFrame(byte[] buffer, int length)
{
    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, length);

    public ReadOnlyMemory<byte> Memory => buffer.AsMemory(0, length);

    public int Length => length;

    public void Release() => FrameBuffers.Return(buffer);
}

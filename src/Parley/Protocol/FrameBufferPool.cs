using System.Buffers;

namespace Parley.Protocol;

/// <summary>
/// A pool for frame and payload buffers. A frame is usually rented on one thread (a caller, a handler, the read loop)
/// and returned on another (the write loop, the caller), hundreds at a time for a stream: the shared pool keeps only a
/// few arrays per thread and core, so most of those would be new allocations. Small buffers come from a pool of their
/// own that holds many per size; large ones from the shared pool. <see cref="FrameBuffers"/> is the process's one.
/// </summary>
internal sealed class FrameBufferPool
{
    /// <summary>The largest buffer the small pool holds; stream chunks (16 KiB) and most unary payloads fit.</summary>
    public const int SmallLimit = 32 * 1024;

    // At most 1,024 arrays per size class: about 64 MiB held at the very worst, a few MiB in practice.
    private readonly ArrayPool<byte> _small = ArrayPool<byte>.Create(SmallLimit, 1024);

    public byte[] Rent(int minimumLength) =>
        minimumLength <= SmallLimit ? _small.Rent(minimumLength) : ArrayPool<byte>.Shared.Rent(minimumLength);

    public void Return(byte[] buffer)
    {
        if (buffer.Length <= SmallLimit)
        {
            _small.Return(buffer);
        }
        else
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

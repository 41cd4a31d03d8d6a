using System.Buffers;

namespace Parley.Protocol;

/// <summary>
/// The buffers frames and payloads are built and copied in. A frame is usually rented on one thread (a caller, a
/// handler, the read loop) and returned on another (the write loop, the caller), hundreds at a time for a stream: the
/// shared pool keeps only a few arrays per thread and core, so most of those would be new allocations. Small buffers
/// come from a pool of their own that holds many per size; large ones from the shared pool.
/// </summary>
internal static class FrameBuffers
{
    /// <summary>The largest buffer the small pool holds; stream chunks (16 KiB) and most unary payloads fit.</summary>
    private const int SmallLimit = 32 * 1024;

    // At most 1,024 arrays per size class: about 64 MiB held at the very worst, a few MiB in practice.
    private static readonly ArrayPool<byte> Small = ArrayPool<byte>.Create(SmallLimit, 1024);

    public static byte[] Rent(int minimumLength) =>
        minimumLength <= SmallLimit ? Small.Rent(minimumLength) : ArrayPool<byte>.Shared.Rent(minimumLength);

    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= SmallLimit)
        {
            Small.Return(buffer);
        }
        else
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

namespace Parley.Protocol;

/// <summary>The buffers frames and payloads are built and copied in: one <see cref="FrameBufferPool"/> per process.</summary>
internal static class FrameBuffers
{
    private static readonly FrameBufferPool Pool = new();

    public static byte[] Rent(int minimumLength) => Pool.Rent(minimumLength);

    public static void Return(byte[] buffer) => Pool.Return(buffer);
}

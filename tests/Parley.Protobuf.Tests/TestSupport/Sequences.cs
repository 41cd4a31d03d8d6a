using System.Buffers;

namespace Parley.Protobuf.Tests.TestSupport;

public static class Sequences
{
    /// <summary>The bytes as a multi-segment sequence of <paramref name="chunk"/>-byte pieces.</summary>
    public static ReadOnlySequence<byte> Chunked(byte[] bytes, int chunk)
    {
        ChunkSegment? first = null;
        ChunkSegment? last = null;
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            var piece = bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset));
            last = last is null ? first = new ChunkSegment(piece, 0) : last.Append(piece);
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }
}

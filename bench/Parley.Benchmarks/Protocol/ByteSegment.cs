using System.Buffers;

namespace Parley.Benchmarks.Protocol;

/// <summary>One segment of a multi-segment <see cref="ReadOnlySequence{T}"/>, for a frame that arrived in two reads.</summary>
internal sealed class ByteSegment : ReadOnlySequenceSegment<byte>
{
    private ByteSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>The bytes of <paramref name="bytes"/> as two segments, the second starting at <paramref name="at"/>.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int at)
    {
        var first = new ByteSegment(bytes.AsMemory(0, at), 0);
        var second = new ByteSegment(bytes.AsMemory(at), at);
        first.Next = second;
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }
}

using System.Buffers;

namespace Parley.Protobuf.Tests.TestSupport;

/// <summary>One piece of a hand-built multi-segment <see cref="ReadOnlySequence{T}"/>.</summary>
public sealed class ChunkSegment : ReadOnlySequenceSegment<byte>
{
    public ChunkSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public ChunkSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new ChunkSegment(memory, RunningIndex + Memory.Length);
        Next = next;
        return next;
    }
}

using System.Buffers;

namespace Parley.Tests.Protocol;

/// <summary>
/// A linked segment for building multi-segment <see cref="ReadOnlySequence{T}"/> instances, the shape a pipe reader
/// hands to the frame parser when data arrives in several reads.
/// </summary>
internal sealed class SequenceSegment : ReadOnlySequenceSegment<byte>
{
    public SequenceSegment(ReadOnlyMemory<byte> memory) => Memory = memory;

    /// <summary>Links a new segment after this one and returns it.</summary>
    public SequenceSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new SequenceSegment(memory) { RunningIndex = RunningIndex + Memory.Length };
        Next = next;
        return next;
    }

    /// <summary>
    /// Builds one sequence from <paramref name="chunks"/>, each in its own segment and its own array, so that nothing
    /// can read across a segment boundary by accident.
    /// </summary>
    public static ReadOnlySequence<byte> Create(IEnumerable<byte[]> chunks)
    {
        SequenceSegment? first = null;
        SequenceSegment? last = null;
        foreach (var chunk in chunks)
        {
            var copy = chunk.AsMemory().ToArray();
            last = last is null ? first = new SequenceSegment(copy) : last.Append(copy);
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    /// <summary>Splits <paramref name="bytes"/> into segments of <paramref name="segmentSize"/> bytes, the last one shorter.</summary>
    public static ReadOnlySequence<byte> Split(ReadOnlySpan<byte> bytes, int segmentSize)
    {
        var chunks = new List<byte[]>();
        for (var offset = 0; offset < bytes.Length; offset += segmentSize)
        {
            chunks.Add(bytes.Slice(offset, Math.Min(segmentSize, bytes.Length - offset)).ToArray());
        }

        return Create(chunks);
    }
}

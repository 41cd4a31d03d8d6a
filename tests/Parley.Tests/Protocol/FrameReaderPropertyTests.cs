using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Parley.Protocol;

namespace Parley.Tests.Protocol;

public sealed class FrameReaderPropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithQuietOnSuccess(true);

    [Fact]
    public void TryRead_AnyFramesSplitAtAnyBoundaries_DecodesSameFramesInOrder()
    {
        // Arrange
        var cases =
            from frames in Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(FrameGenerators.ValidFrame, n))
            from readSizes in FrameGenerators.ReadSizes
            select new StreamCase(frames, readSizes);
        var limits = new ProtocolLimits();

        // Act and assert
        Check.One(Quick.WithMaxTest(200), Prop.ForAll(Arb.From(cases), streamCase =>
        {
            var decoded = DecodeIncrementally(streamCase.Encode(), streamCase.ReadSizes, limits);

            Assert.Equal(streamCase.Frames.Length, decoded.Count);
            for (var i = 0; i < decoded.Count; i++)
            {
                streamCase.Frames[i].AssertMatches(decoded[i]);
            }
        }));
    }

    [Fact]
    public void TryRead_ArbitraryBytes_NeverThrowsAndNeverReadsOutOfBounds()
    {
        // Arrange
        var validFrameBytes = FrameGenerators.ValidFrame.Select(spec => spec.Encode());
        var inputs = Gen.OneOf(
            RandomBytes(0, 64),
            RandomBytes(0, 40).Select(tail => (byte[])[0x50, 0x4C, .. tail]),
            Gen.Zip(Gen.Choose(0, 15), RandomBytes(0, 60), (type, tail) => (byte[])[0x50, 0x4C, 0x01, (byte)type, .. tail]),
            from bytes in validFrameBytes
            from noise in RandomBytes(1, 4)
            from seed in Gen.Choose(0, int.MaxValue)
            select Mutate(bytes, noise, seed),
            Gen.Zip(validFrameBytes, Gen.Choose(0, int.MaxValue), (bytes, seed) => bytes[..(seed % (bytes.Length + 1))]));
        var cases = Gen.Zip(inputs, Gen.Choose(1, 32), (bytes, segmentSize) => (bytes, segmentSize));
        var limits = new ProtocolLimits();

        // Act and assert
        Check.One(Quick.WithMaxTest(300), Prop.ForAll(Arb.From(cases), input =>
        {
            var (bytes, segmentSize) = input;
            var buffer = SequenceSegment.Split(bytes, segmentSize);
            long offset = 0;
            while (true)
            {
                var before = buffer;
                var status = FrameReader.TryRead(ref buffer, limits, out var frame, out var error);
                if (status != FrameReadStatus.Complete)
                {
                    Assert.True(status is FrameReadStatus.Incomplete or FrameReadStatus.Invalid, $"unexpected status {status}");
                    Assert.Equal(status == FrameReadStatus.Invalid, !string.IsNullOrEmpty(error));
                    Assert.Equal(before.Length, buffer.Length);
                    break;
                }

                var header = frame.Header;
                Assert.True(header.FrameLength <= bytes.Length - offset, "frame claims bytes beyond the input");
                Assert.Equal(header.MetadataLength, frame.Metadata.Length);
                Assert.Equal(header.PayloadLength, frame.Payload.Length);
                Assert.Equal(before.Length - header.FrameLength, buffer.Length);
                var metadataStart = (int)offset + FrameHeader.Size;
                var payloadStart = metadataStart + header.MetadataLength;
                Assert.Equal(bytes.AsSpan(metadataStart, header.MetadataLength).ToArray(), frame.Metadata.ToArray());
                Assert.Equal(bytes.AsSpan(payloadStart, header.PayloadLength).ToArray(), frame.Payload.ToArray());
                offset += header.FrameLength;
            }
        }));
    }

    /// <summary>
    /// Feeds <paramref name="stream"/> the way a pipe reader does: each read appends a segment to the unconsumed bytes,
    /// the parser runs until it needs more data, and the bytes it consumed are dropped.
    /// </summary>
    private static List<Frame> DecodeIncrementally(byte[] stream, int[] readSizes, ProtocolLimits limits)
    {
        var frames = new List<Frame>();
        SequenceSegment? first = null;
        SequenceSegment? last = null;
        var firstIndex = 0;
        var offset = 0;
        for (var read = 0; offset < stream.Length; read++)
        {
            var size = Math.Min(readSizes[read % readSizes.Length], stream.Length - offset);
            var chunk = stream.AsSpan(offset, size).ToArray();
            offset += size;
            last = last is null ? first = new SequenceSegment(chunk) : last.Append(chunk);

            var buffer = new ReadOnlySequence<byte>(first!, firstIndex, last, last.Memory.Length);
            while (true)
            {
                var status = FrameReader.TryRead(ref buffer, limits, out var frame, out var error);
                Assert.True(status != FrameReadStatus.Invalid, $"valid stream rejected at byte {offset - buffer.Length}: {error}");
                if (status == FrameReadStatus.Incomplete)
                {
                    break;
                }

                // The test keeps every chunk alive, so the slices stay valid after the buffer moves on.
                frames.Add(frame);
            }

            first = (SequenceSegment)buffer.Start.GetObject()!;
            firstIndex = buffer.Start.GetInteger();
        }

        var rest = first is null
            ? ReadOnlySequence<byte>.Empty
            : new ReadOnlySequence<byte>(first, firstIndex, last!, last!.Memory.Length);
        Assert.True(rest.IsEmpty, $"{rest.Length} bytes left over after the last frame");
        return frames;
    }

    private static Gen<byte[]> RandomBytes(int minLength, int maxLength) =>
        Gen.Zip(Gen.Choose(minLength, maxLength), Gen.Choose(0, int.MaxValue), (length, seed) => FrameSpec.PayloadBytes(length, seed));

    private static byte[] Mutate(byte[] frame, byte[] noise, int seed)
    {
        var copy = frame.ToArray();
        var random = new Random(seed);
        foreach (var value in noise)
        {
            // Aim most mutations at the header, where they change the parser's decisions.
            var index = random.Next(2) == 0 ? random.Next(Math.Min(FrameHeader.Size, copy.Length)) : random.Next(copy.Length);
            copy[index] = value;
        }

        return copy;
    }

    private sealed record StreamCase(FrameSpec[] Frames, int[] ReadSizes)
    {
        public byte[] Encode() => Frames.SelectMany(frame => frame.Encode()).ToArray();

        public override string ToString() =>
            $"{Frames.Length} frame(s) [{string.Join("; ", Frames.Select(f => f.ToString()))}] "
            + $"read sizes [{string.Join(",", ReadSizes)}]";
    }
}

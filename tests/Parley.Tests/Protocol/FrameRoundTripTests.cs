using System.Buffers;
using Parley.Codecs;
using Parley.Protocol;

namespace Parley.Tests.Protocol;

public sealed class FrameRoundTripTests
{
    private const ulong LargeRequestId = 0x0102_0304_0506_0708;

    private static readonly KeyValuePair<string, string>[] SampleMetadata =
    [
        new(RpcMetadata.ServiceKey, "Greeter"),
        new(RpcMetadata.MethodKey, "SayHello"),
        new("trace-id", "4bf92f3577b34da6"),
        new("greeting", "grüß dich 日本 🙂"),
        new("empty", string.Empty),
    ];

    private static readonly int[] PayloadLengths = [0, 1, 255, 4096, 4097, 70_000];

    public static TheoryData<FrameType, int, bool> EveryFrameType()
    {
        var data = new TheoryData<FrameType, int, bool>();
        foreach (var type in Enum.GetValues<FrameType>())
        {
            switch (type)
            {
                case FrameType.Ping or FrameType.Pong:
                    data.Add(type, 8, false);
                    break;
                case FrameType.Cancel:
                    data.Add(type, 0, false);
                    break;
                case FrameType.Credit:
                    data.Add(type, 4, false);
                    break;
                case FrameType.StreamMessage or FrameType.StreamEnd:
                    foreach (var length in PayloadLengths)
                    {
                        data.Add(type, length, false);
                    }

                    break;
                default:
                    foreach (var length in PayloadLengths)
                    {
                        data.Add(type, length, false);
                        data.Add(type, length, true);
                    }

                    break;
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryFrameType))]
    public void TryRead_FrameBuiltByFrameBuilder_DecodesSameFrame(FrameType type, int payloadLength, bool withMetadata)
    {
        // Arrange
        var spec = FrameSpec.Create(
            type,
            requestId: type switch
            {
                FrameType.Hello or FrameType.Ping or FrameType.Pong => 0,
                _ => LargeRequestId,
            },
            payloadLength,
            status: type is FrameType.Response or FrameType.GoAway or FrameType.StreamEnd ? StatusCode.NotFound : StatusCode.Ok,
            codec: CodecIds.Json,
            metadata: withMetadata ? SampleMetadata : []);
        var bytes = spec.Encode();
        var trailer = new byte[] { 0x50, 0x4C, 0x01 };
        var buffer = new ReadOnlySequence<byte>([.. bytes, .. trailer]);

        // Act
        var status = FrameReader.TryRead(ref buffer, new ProtocolLimits(), out var frame, out var error);

        // Assert
        Assert.Equal(FrameReadStatus.Complete, status);
        Assert.Null(error);
        Assert.Equal(spec.ExpectedFrameLength, bytes.Length);
        spec.AssertMatches(frame);
        Assert.Equal(trailer, buffer.ToArray());
    }

    [Fact]
    public void TryRead_FrameSplitIntoOneByteSegments_DecodesSameFrame()
    {
        // Arrange
        var spec = FrameSpec.Create(FrameType.Request, 7, 5000, metadata: SampleMetadata);
        var buffer = SequenceSegment.Split(spec.Encode(), 1);

        // Act
        var status = FrameReader.TryRead(ref buffer, new ProtocolLimits(), out var frame, out _);

        // Assert
        Assert.Equal(FrameReadStatus.Complete, status);
        spec.AssertMatches(frame);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryRead_SeveralFramesInOneBuffer_ReadsThemInOrderOneAtATime()
    {
        // Arrange
        FrameSpec[] specs =
        [
            FrameSpec.Create(FrameType.Hello, 0, 0, codec: 0, metadata: new KeyValuePair<string, string>("max-payload", "4194304")),
            FrameSpec.Create(FrameType.Request, 1, 10, metadata: SampleMetadata),
            FrameSpec.Create(FrameType.Ping, 0, 8, codec: 0),
            FrameSpec.Create(FrameType.Cancel, 1, 0, codec: 0),
            FrameSpec.Create(FrameType.Response, 1, 0, StatusCode.Cancelled),
        ];
        var buffer = new ReadOnlySequence<byte>(specs.SelectMany(spec => spec.Encode()).ToArray());
        var limits = new ProtocolLimits();

        foreach (var spec in specs)
        {
            var before = buffer.Length;

            // Act
            var status = FrameReader.TryRead(ref buffer, limits, out var frame, out var error);

            // Assert
            Assert.Equal(FrameReadStatus.Complete, status);
            Assert.Null(error);
            spec.AssertMatches(frame);
            Assert.Equal(spec.ExpectedFrameLength, before - buffer.Length);
        }

        Assert.True(buffer.IsEmpty);
        Assert.Equal(FrameReadStatus.Incomplete, FrameReader.TryRead(ref buffer, limits, out _, out _));
    }

    [Fact]
    public void TryRead_PayloadExactlyAtLimits_IsComplete()
    {
        // Arrange
        var limits = new ProtocolLimits { MaxPayloadBytes = 1024, MaxMetadataBytes = 256 };
        var value = new string('v', 256 - 1 - 1 - 2);
        var spec = FrameSpec.Create(FrameType.OneWay, 3, 1024, metadata: new KeyValuePair<string, string>("k", value));
        var buffer = new ReadOnlySequence<byte>(spec.Encode());

        // Act
        var status = FrameReader.TryRead(ref buffer, limits, out var frame, out var error);

        // Assert
        Assert.Equal(FrameReadStatus.Complete, status);
        Assert.Null(error);
        Assert.Equal(256, frame.Header.MetadataLength);
        spec.AssertMatches(frame);
    }
}

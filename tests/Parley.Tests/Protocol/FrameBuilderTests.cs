using Parley.Tests.TestSupport;
using System.Buffers;
using System.Buffers.Binary;
using Parley.Codecs;
using Parley.Protocol;

namespace Parley.Tests.Protocol;

public sealed class FrameBuilderTests
{
    [Fact]
    public void Finish_PayloadWrittenInPiecesBeyondHint_GrowsBufferAndKeepsEveryByte()
    {
        // Arrange
        var payload = FrameSpec.PayloadBytes(20_000, seed: 1);
        var builder = FrameBuilder.Start(new RpcMetadata().Add("a", "b"), payloadSizeHint: 16);
        for (var offset = 0; offset < payload.Length; offset += 777)
        {
            var piece = payload.AsSpan(offset, Math.Min(777, payload.Length - offset));
            piece.CopyTo(builder.GetSpan(piece.Length));
            builder.Advance(piece.Length);
        }

        // Act
        var frame = builder.Finish(FrameType.Request, CodecIds.Json, StatusCode.Ok, 9);

        // Assert
        try
        {
            var buffer = new ReadOnlySequence<byte>(frame.Span.ToArray());
            Assert.Equal(FrameReadStatus.Complete, FrameReader.TryRead(ref buffer, new ProtocolLimits(), out var decoded, out _));
            Assert.Equal(payload.Length, decoded.Header.PayloadLength);
            Assert.Equal(payload, decoded.Payload.ToArray());
            Assert.Equal(FrameHeader.Size + 1 + 1 + 2 + 1 + payload.Length, frame.Length);
        }
        finally
        {
            frame.Release();
        }
    }

    [Fact]
    public void AddMetadata_AfterStart_AppendsEntryAfterInitialMetadata()
    {
        // Arrange
        var builder = FrameBuilder.Start(new RpcMetadata().AddReserved(RpcMetadata.ServiceKey, "svc"));

        // Act
        builder.AddMetadata(RpcMetadata.TimeoutKey, "1500");
        var frame = builder.Finish(FrameType.Request, CodecIds.Json, StatusCode.Ok, 1);

        // Assert
        try
        {
            var buffer = new ReadOnlySequence<byte>(frame.Span.ToArray());
            Assert.Equal(FrameReadStatus.Complete, FrameReader.TryRead(ref buffer, new ProtocolLimits(), out var decoded, out _));
            Assert.True(MetadataCodec.TryRead(decoded.Metadata, new ProtocolLimits(), out var metadata, out _));
            Assert.Equal(
                [new(RpcMetadata.ServiceKey, "svc"), new(RpcMetadata.TimeoutKey, "1500")],
                metadata.ToArray<KeyValuePair<string, string>>());
            Assert.Equal(0, decoded.Header.PayloadLength);
        }
        finally
        {
            frame.Release();
        }
    }

    [Fact]
    public void Finish_CodecSerializesIntoBuilder_PayloadDecodesWithSameCodec()
    {
        // Arrange
        var builder = FrameBuilder.Start(metadata: null);
        JsonRpcCodec.Default.SerializeArguments(builder, new object?[] { 42, "hello", null });

        // Act
        var frame = builder.Finish(FrameType.Request, CodecIds.Json, StatusCode.Ok, 77);

        // Assert
        try
        {
            var buffer = new ReadOnlySequence<byte>(frame.Span.ToArray());
            Assert.Equal(FrameReadStatus.Complete, FrameReader.TryRead(ref buffer, new ProtocolLimits(), out var decoded, out _));
            Assert.Equal(CodecIds.Json, decoded.Header.Codec);
            Assert.Equal(0, decoded.Header.MetadataLength);
            var arguments = JsonRpcCodec.Default.DeserializeArguments(decoded.Payload, [typeof(int), typeof(string), typeof(string)]);
            Assert.Equal(new object?[] { 42, "hello", null }, arguments);
        }
        finally
        {
            frame.Release();
        }
    }

    [Fact]
    public void Finish_TwoFramesOnSameThread_FirstFrameIsNotOverwritten()
    {
        // Arrange
        var first = FrameBuilder.Create(FrameType.Request, StatusCode.Ok, 1, null, [1, 2, 3], CodecIds.Json);
        var firstCopy = first.Span.ToArray();

        // Act
        var second = FrameBuilder.Create(
            FrameType.Request, StatusCode.Ok, 2, new RpcMetadata().Add("x", "y"), [9, 9, 9, 9, 9], CodecIds.Json);

        // Assert
        try
        {
            Assert.Equal(firstCopy, first.Span.ToArray());
            Assert.Equal(2UL, BinaryPrimitives.ReadUInt64BigEndian(second.Span[8..]));
        }
        finally
        {
            first.Release();
            second.Release();
        }
    }

    [Fact]
    public void Abandon_ThenStartAgain_NewFrameHasNoLeftoverMetadataOrPayload()
    {
        // Arrange
        var abandoned = FrameBuilder.Start(new RpcMetadata().Add("stale", "value"));
        abandoned.GetSpan(100).Fill(0xAB);
        abandoned.Advance(100);
        abandoned.Abandon();

        // Act
        var frame = FrameBuilder.Start(metadata: null).Finish(FrameType.Request, CodecIds.Json, StatusCode.Ok, 5);

        // Assert
        try
        {
            Assert.Equal(FrameHeader.Size, frame.Length);
            var buffer = new ReadOnlySequence<byte>(frame.Span.ToArray());
            Assert.Equal(FrameReadStatus.Complete, FrameReader.TryRead(ref buffer, new ProtocolLimits(), out var decoded, out _));
            Assert.Equal(new FrameHeader(FrameType.Request, CodecIds.Json, FrameFlags.None, StatusCode.Ok, 5, 0, 0), decoded.Header);
        }
        finally
        {
            frame.Release();
        }
    }
}

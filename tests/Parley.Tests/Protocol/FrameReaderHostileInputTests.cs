using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Parley.Protocol;

namespace Parley.Tests.Protocol;

/// <summary>
/// Malformed input must be rejected from the header alone: every test below hands the reader at most the 24 header
/// bytes, so a reader that waited for the body would answer Incomplete instead of Invalid.
/// </summary>
public sealed class FrameReaderHostileInputTests
{
    [Theory]
    [InlineData("G")]
    [InlineData("GET / HTTP/1.1\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n")]
    [InlineData("PX")]
    [InlineData("\u0016\u0003")] // a TLS handshake record
    public void TryRead_BadMagic_IsInvalidFromFirstBytes(string input)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(input));

        // Act
        var (status, error, consumed) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Contains("bad magic", error, StringComparison.Ordinal);
        Assert.Equal(0, consumed);
    }

    [Theory]
    [InlineData(new byte[] { 0x50 })]
    [InlineData(new byte[] { 0x50, 0x4C })]
    [InlineData(new byte[] { 0x50, 0x4C, 0x01 })]
    [InlineData(new byte[] { 0x50, 0x4C, 0x01, 0x02, 0x01, 0x00 })]
    public void TryRead_ValidPrefixShorterThanHeader_IsIncomplete(byte[] prefix)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(prefix);

        // Act
        var (status, error, consumed) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Incomplete, status);
        Assert.Null(error);
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void TryRead_EmptyBuffer_IsIncomplete()
    {
        // Arrange
        var buffer = ReadOnlySequence<byte>.Empty;

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Incomplete, status);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(0xFF)]
    public void TryRead_BadVersion_IsInvalidFromThirdByte(byte version)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>([0x50, 0x4C, version]);

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Contains("unsupported protocol version " + version, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x00, "0x00")]
    [InlineData(0x0C, "0x0C")]
    [InlineData(0x7F, "0x7F")]
    [InlineData(0xFF, "0xFF")]
    public void TryRead_UnknownFrameType_IsInvalid(byte type, string hex)
    {
        // Arrange
        var header = Header(FrameType.Request, requestId: 1);
        header[3] = type;
        var buffer = new ReadOnlySequence<byte>(header);

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Contains("unknown frame type " + hex, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x80)]
    [InlineData(0xFF)]
    public void TryRead_ReservedFlagBitsOnRequest_IsInvalid(byte flags)
    {
        // Arrange
        var header = Header(FrameType.Request, requestId: 1);
        header[5] = flags;
        var buffer = new ReadOnlySequence<byte>(header);

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Contains("reserved flag bits", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x02)]
    [InlineData(0x03)]
    [InlineData(0x80)]
    public void TryRead_FlagsOtherThanMoreOnStreamMessage_AreInvalid(byte flags)
    {
        // Arrange
        var header = Header(FrameType.StreamMessage, requestId: 1);
        header[5] = flags;
        var buffer = new ReadOnlySequence<byte>(header);

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Contains("reserved flag bits", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_MoreFlagOnStreamMessage_IsComplete()
    {
        // Arrange
        var header = Header(FrameType.StreamMessage, requestId: 1);
        header[5] = (byte)FrameFlags.More;
        var buffer = new ReadOnlySequence<byte>(header);

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Complete, status);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(3u)]
    [InlineData(5u)]
    public void TryRead_CreditWithoutFourPayloadBytes_IsInvalid(uint payloadLength)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>([.. Header(FrameType.Credit, 0, payloadLength: payloadLength), .. new byte[payloadLength]]);

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Contains("exactly 4 payload bytes", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(9UL)]
    public void TryRead_CreditForConnectionOrStream_IsComplete(ulong requestId)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>([.. Header(FrameType.Credit, requestId, payloadLength: 4), 0, 1, 0, 0]);

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Complete, status);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(FrameType.StreamMessage)]
    [InlineData(FrameType.StreamEnd)]
    public void TryRead_MetadataOnStreamFrame_IsInvalid(FrameType type)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(Header(type, 3, metadataLength: 4));

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Contains("carries metadata", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FrameType.Hello, 0UL)]
    [InlineData(FrameType.Request, 1UL)]
    [InlineData(FrameType.OneWay, 1UL)]
    [InlineData(FrameType.Cancel, 1UL)]
    [InlineData(FrameType.Ping, 0UL)]
    [InlineData(FrameType.Pong, 0UL)]
    [InlineData(FrameType.StreamMessage, 1UL)]
    [InlineData(FrameType.Credit, 1UL)]
    public void TryRead_StatusOnFrameTypeWithoutStatus_IsInvalid(FrameType type, ulong requestId)
    {
        // Arrange
        var payloadLength = type switch
        {
            FrameType.Ping or FrameType.Pong => 8u,
            FrameType.Credit => 4u,
            _ => 0u,
        };
        var buffer = new ReadOnlySequence<byte>(Header(type, requestId, StatusCode.Internal, payloadLength: payloadLength));

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Contains("carries a status", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FrameType.Response)]
    [InlineData(FrameType.GoAway)]
    [InlineData(FrameType.StreamEnd)]
    public void TryRead_StatusOnFrameTypeWithStatus_IsComplete(FrameType type)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(Header(type, 5, StatusCode.Internal));

        // Act
        var (status, error, consumed) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Complete, status);
        Assert.Null(error);
        Assert.Equal(FrameHeader.Size, consumed);
    }

    [Theory]
    [InlineData(FrameType.Request)]
    [InlineData(FrameType.Response)]
    [InlineData(FrameType.OneWay)]
    [InlineData(FrameType.Cancel)]
    [InlineData(FrameType.StreamMessage)]
    [InlineData(FrameType.StreamEnd)]
    public void TryRead_RequestIdZeroOnCallFrame_IsInvalid(FrameType type)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(Header(type, requestId: 0));

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Contains("request id 0", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FrameType.Hello, 1UL)]
    [InlineData(FrameType.Ping, 1UL)]
    [InlineData(FrameType.Pong, 1UL)]
    [InlineData(FrameType.Ping, ulong.MaxValue)]
    public void TryRead_NonZeroRequestIdOnConnectionFrame_IsInvalid(FrameType type, ulong requestId)
    {
        // Arrange
        var payloadLength = type is FrameType.Ping or FrameType.Pong ? 8u : 0u;
        var buffer = new ReadOnlySequence<byte>(Header(type, requestId, payloadLength: payloadLength));

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Contains("non-zero request id", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FrameType.Ping, 0u, 0u)]
    [InlineData(FrameType.Ping, 0u, 7u)]
    [InlineData(FrameType.Ping, 0u, 9u)]
    [InlineData(FrameType.Ping, 4u, 8u)]
    [InlineData(FrameType.Pong, 0u, 16u)]
    [InlineData(FrameType.Pong, 1u, 8u)]
    public void TryRead_PingOrPongNotExactlyEightPayloadBytes_IsInvalid(FrameType type, uint metadataLength, uint payloadLength)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(Header(type, 0, metadataLength: metadataLength, payloadLength: payloadLength));

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Contains("exactly 8 payload bytes and no metadata", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u, 1u)]
    [InlineData(0u, 8u)]
    [InlineData(4u, 0u)]
    public void TryRead_CancelWithBody_IsInvalid(uint metadataLength, uint payloadLength)
    {
        // Arrange
        var header = Header(FrameType.Cancel, 3, metadataLength: metadataLength, payloadLength: payloadLength);
        var buffer = new ReadOnlySequence<byte>(header);

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Contains("CANCEL frame must be empty", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8u * 1024 + 1)]
    [InlineData(1u << 20)]
    [InlineData(0x7FFF_FFFFu)]
    [InlineData(0x8000_0000u)]
    [InlineData(uint.MaxValue)]
    public void TryRead_MetadataLengthOverLimit_IsInvalidBeforeBodyArrives(uint metadataLength)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(Header(FrameType.Request, 1, metadataLength: metadataLength));

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Equal($"metadata length {metadataLength} exceeds the limit of 8192 bytes", error);
    }

    [Theory]
    [InlineData(4u * 1024 * 1024 + 1)]
    [InlineData(0x7FFF_FFFFu)]
    [InlineData(0x8000_0000u)]
    [InlineData(uint.MaxValue)]
    public void TryRead_PayloadLengthOverLimit_IsInvalidBeforeBodyArrives(uint payloadLength)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(Header(FrameType.Request, 1, payloadLength: payloadLength));

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Equal($"payload length {payloadLength} exceeds the limit of 4194304 bytes", error);
    }

    [Fact]
    public void TryRead_LengthsOverCustomLimits_AreInvalid()
    {
        // Arrange
        var limits = new ProtocolLimits { MaxPayloadBytes = 1024, MaxMetadataBytes = 256 };
        var payloadOver = new ReadOnlySequence<byte>(Header(FrameType.Request, 1, payloadLength: 1025));
        var metadataOver = new ReadOnlySequence<byte>(Header(FrameType.Request, 1, metadataLength: 257));
        var bothAtLimit = new ReadOnlySequence<byte>(Header(FrameType.Request, 1, metadataLength: 256, payloadLength: 1024));

        // Act
        var payloadStatus = FrameReader.TryRead(ref payloadOver, limits, out _, out var payloadError);
        var metadataStatus = FrameReader.TryRead(ref metadataOver, limits, out _, out var metadataError);
        var atLimitStatus = FrameReader.TryRead(ref bothAtLimit, limits, out _, out _);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, payloadStatus);
        Assert.Equal("payload length 1025 exceeds the limit of 1024 bytes", payloadError);
        Assert.Equal(FrameReadStatus.Invalid, metadataStatus);
        Assert.Equal("metadata length 257 exceeds the limit of 256 bytes", metadataError);
        Assert.Equal(FrameReadStatus.Incomplete, atLimitStatus);
    }

    [Fact]
    public void TryRead_LengthsAtDefaultLimits_IsIncompleteUntilBodyArrives()
    {
        // Arrange
        var header = Header(FrameType.Request, 1, metadataLength: 8 * 1024, payloadLength: 4 * 1024 * 1024);
        var buffer = new ReadOnlySequence<byte>(header);

        // Act
        var (status, error, consumed) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Incomplete, status);
        Assert.Null(error);
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void TryRead_EveryTruncationOfValidFrame_IsIncompleteAndConsumesNothing()
    {
        // Arrange
        var bytes = FrameSpec.Create(
            FrameType.Request, 42, 300, metadata: [new(RpcMetadata.ServiceKey, "svc"), new(RpcMetadata.MethodKey, "Run")]).Encode();

        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);

            // Act
            var (status, error, consumed) = Read(ref buffer);

            // Assert
            Assert.True(status == FrameReadStatus.Incomplete, $"prefix of {length} bytes gave {status}: {error}");
            Assert.Equal(0, consumed);
        }

        var whole = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(FrameReadStatus.Complete, Read(ref whole).Status);
    }

    [Fact]
    public void TryRead_InvalidHeaderSplitAcrossSegments_IsInvalid()
    {
        // Arrange
        var header = Header(FrameType.Request, 1, payloadLength: uint.MaxValue);
        var buffer = SequenceSegment.Split(header, 1);

        // Act
        var (status, error, _) = Read(ref buffer);

        // Assert
        Assert.Equal(FrameReadStatus.Invalid, status);
        Assert.Contains("payload length 4294967295", error, StringComparison.Ordinal);
    }

    private static (FrameReadStatus Status, string? Error, long Consumed) Read(ref ReadOnlySequence<byte> buffer)
    {
        var before = buffer.Length;
        var status = FrameReader.TryRead(ref buffer, new ProtocolLimits(), out _, out var error);
        return (status, error, before - buffer.Length);
    }

    /// <summary>A 24-byte header written by hand, independently of <see cref="FrameHeader.Write"/>.</summary>
    private static byte[] Header(
        FrameType type, ulong requestId, StatusCode status = StatusCode.Ok, uint metadataLength = 0, uint payloadLength = 0)
    {
        var header = new byte[FrameHeader.Size];
        header[0] = (byte)'P';
        header[1] = (byte)'L';
        header[2] = 1;
        header[3] = (byte)type;
        header[4] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)status);
        BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(8), requestId);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(16), metadataLength);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(20), payloadLength);
        return header;
    }
}

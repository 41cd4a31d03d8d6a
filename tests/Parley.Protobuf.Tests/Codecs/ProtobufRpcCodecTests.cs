using System.Buffers;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Parley.Codecs;
using Parley.Protobuf.Tests.Protos;
using Parley.Protobuf.Tests.TestSupport;

namespace Parley.Protobuf.Tests.Codecs;

public sealed class ProtobufRpcCodecTests
{
    private readonly ProtobufRpcCodec _codec = ProtobufRpcCodec.Default;

    [Fact]
    public void Id_DefaultInstance_IsThreeNamedProtobuf()
    {
        // Arrange, Act
        var codec = ProtobufRpcCodec.Default;

        // Assert
        Assert.Equal(CodecIds.Protobuf, codec.Id);
        Assert.Equal(3, codec.Id);
        Assert.Equal("protobuf", codec.Name);
    }

    [Fact]
    public void Serialize_FullMessage_WritesExactlyToByteArray()
    {
        // Arrange
        var request = Messages.FullRequest();
        var output = new ArrayBufferWriter<byte>();

        // Act
        _codec.Serialize(output, request, typeof(HelloRequest));

        // Assert
        Assert.Equal(request.ToByteArray(), output.WrittenSpan.ToArray());
    }

    [Fact]
    public void SerializeArguments_OneMessage_WritesExactlyToByteArray()
    {
        // Arrange
        var request = Messages.FullRequest();
        var output = new ArrayBufferWriter<byte>();

        // Act
        _codec.SerializeArguments(output, [request]);

        // Assert
        Assert.Equal(request.ToByteArray(), output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Deserialize_BytesOfFullMessage_RoundTripsEveryField()
    {
        // Arrange
        var request = Messages.FullRequest();
        var output = new ArrayBufferWriter<byte>();
        _codec.Serialize(output, request, typeof(HelloRequest));

        // Act
        var decoded = _codec.Deserialize(new ReadOnlySequence<byte>(output.WrittenMemory), typeof(HelloRequest));

        // Assert
        var message = Assert.IsType<HelloRequest>(decoded);
        Assert.Equal(request, message);
        Assert.Equal(HelloRequest.ContactOneofCase.Phone, message.ContactCase);
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, message.Avatar.ToByteArray());
    }

    [Fact]
    public void DeserializeArguments_BytesSplitAcrossSegments_DecodesTheMessage()
    {
        // Arrange
        var request = Messages.FullRequest();
        var bytes = request.ToByteArray();
        var sequence = Sequences.Chunked(bytes, chunk: 3);

        // Act
        var arguments = _codec.DeserializeArguments(sequence, [typeof(HelloRequest)]);

        // Assert
        Assert.False(sequence.IsSingleSegment);
        Assert.Equal(request, Assert.IsType<HelloRequest>(Assert.Single(arguments)));
    }

    [Fact]
    public void Serialize_EmptyMessage_WritesNothing()
    {
        // Arrange
        var output = new ArrayBufferWriter<byte>();

        // Act
        _codec.Serialize(output, new HelloReply(), typeof(HelloReply));

        // Assert
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Deserialize_EmptyPayload_GivesTheEmptyMessageOfTheType()
    {
        // Arrange
        var empty = ReadOnlySequence<byte>.Empty;

        // Act
        var reply = _codec.Deserialize(empty, typeof(HelloReply));
        var arguments = _codec.DeserializeArguments(empty, [typeof(Empty)]);

        // Assert
        Assert.Equal(new HelloReply(), Assert.IsType<HelloReply>(reply));
        Assert.Equal(new Empty(), Assert.IsType<Empty>(Assert.Single(arguments)));
    }

    [Fact]
    public void Deserialize_EmptyPayloadAsObject_GivesNull()
    {
        // Arrange: what an untyped call to a method returning nothing receives.
        var empty = ReadOnlySequence<byte>.Empty;

        // Act
        var value = _codec.Deserialize(empty, typeof(object));

        // Assert
        Assert.Null(value);
    }

    [Fact]
    public void Deserialize_BytesAsObject_ThrowsNeedingADeclaredType()
    {
        // Arrange
        var bytes = new ReadOnlySequence<byte>(new HelloReply { Message = "hi" }.ToByteArray());

        // Act
        var error = Assert.Throws<NotSupportedException>(() => _codec.Deserialize(bytes, typeof(object)));

        // Assert
        Assert.Contains("protobuf needs a declared type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_MalformedBytes_ThrowsInvalidProtocolBufferException()
    {
        // Arrange: field 1 (string) announces 10 bytes but only 2 follow.
        var bytes = new ReadOnlySequence<byte>(new byte[] { 0x0A, 0x0A, 0x41, 0x42 });

        // Act, Assert
        Assert.Throws<InvalidProtocolBufferException>(() => _codec.Deserialize(bytes, typeof(HelloReply)));
        Assert.Throws<InvalidProtocolBufferException>(() => _codec.DeserializeArguments(bytes, [typeof(HelloRequest)]));
    }

    [Fact]
    public void Deserialize_NotAMessageType_ThrowsNamingTheType()
    {
        // Arrange
        var bytes = new ReadOnlySequence<byte>(new byte[] { 0x08, 0x01 });

        // Act
        var error = Assert.Throws<ArgumentException>(() => _codec.Deserialize(bytes, typeof(int)));
        var abstractError = Assert.Throws<ArgumentException>(() => _codec.Deserialize(bytes, typeof(IMessage)));

        // Assert
        Assert.Contains("Int32 is not a protobuf message", error.Message, StringComparison.Ordinal);
        Assert.Contains("IMessage is not a concrete protobuf message type", abstractError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeArguments_NotExactlyOneParameter_ThrowsWithTheCount()
    {
        // Arrange
        var bytes = new ReadOnlySequence<byte>(new HelloRequest { Name = "x" }.ToByteArray());

        // Act
        var error = Assert.Throws<ArgumentException>(
            () => _codec.DeserializeArguments(bytes, [typeof(HelloRequest), typeof(HelloRequest)]));

        // Assert
        Assert.Contains("exactly one message argument; the method takes 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_ValueOfAnotherMessageType_ThrowsNamingBoth()
    {
        // Arrange
        var output = new ArrayBufferWriter<byte>();

        // Act
        var error = Assert.Throws<ArgumentException>(() => _codec.Serialize(output, new HelloRequest(), typeof(HelloReply)));

        // Assert
        Assert.Contains("the value is a HelloRequest, not the declared HelloReply", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Serialize_NotAMessage_Throws()
    {
        // Arrange
        var output = new ArrayBufferWriter<byte>();

        // Act
        var error = Assert.Throws<ArgumentException>(() => _codec.Serialize(output, 42, typeof(int)));

        // Assert
        Assert.Contains("the value (Int32) is not a protobuf message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_NullMessage_ThrowsSuggestingAnEmptyMessage()
    {
        // Arrange
        var output = new ArrayBufferWriter<byte>();

        // Act
        var error = Assert.Throws<ArgumentNullException>(() => _codec.Serialize(output, null, typeof(HelloReply)));

        // Assert
        Assert.Contains("send an empty HelloReply instead", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void SerializeArguments_NotExactlyOneArgument_ThrowsWithTheCount(int count)
    {
        // Arrange
        var arguments = Enumerable.Repeat<object?>(new HelloRequest(), count).ToArray();

        // Act
        var error = Assert.Throws<ArgumentException>(() => _codec.SerializeArguments(new ArrayBufferWriter<byte>(), arguments));

        // Assert
        Assert.Contains($"exactly one message argument; got {count}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeArguments_NotAMessageOrNull_ThrowsNamingTheArgument()
    {
        // Arrange
        var output = new ArrayBufferWriter<byte>();

        // Act
        var notMessage = Assert.Throws<ArgumentException>(() => _codec.SerializeArguments(output, ["text"]));
        var isNull = Assert.Throws<ArgumentException>(() => _codec.SerializeArguments(output, [null]));

        // Assert
        Assert.Contains("argument 1 (String) is not a protobuf message", notMessage.Message, StringComparison.Ordinal);
        Assert.Contains("argument 1 is null", isNull.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_LargeMessage_RoundTripsThroughASmallFirstBuffer()
    {
        // Arrange: about 1 MiB, far more than the writer's first buffer.
        var request = new HelloRequest { Avatar = ByteString.CopyFrom(new byte[1 << 20]), Name = "big" };
        var output = new ArrayBufferWriter<byte>(16);

        // Act
        _codec.Serialize(output, request, typeof(HelloRequest));
        var decoded = _codec.Deserialize(new ReadOnlySequence<byte>(output.WrittenMemory), typeof(HelloRequest));

        // Assert
        Assert.Equal(request.CalculateSize(), output.WrittenCount);
        Assert.Equal(request, decoded);
    }

    [Fact]
    public void Deserialize_UnknownField_IsKeptWhenWrittenAgain()
    {
        // Arrange: a newer peer's HelloReply with field 99 (varint 7) that this HelloReply does not declare.
        var bytes = new HelloReply { Message = "hi" }.ToByteArray().Concat(new byte[] { 0x98, 0x06, 0x07 }).ToArray();
        var output = new ArrayBufferWriter<byte>();

        // Act
        var reply = _codec.Deserialize(new ReadOnlySequence<byte>(bytes), typeof(HelloReply));
        _codec.Serialize(output, reply, typeof(HelloReply));

        // Assert
        Assert.Equal("hi", ((HelloReply)reply!).Message);
        Assert.Equal(bytes, output.WrittenSpan.ToArray());
    }
}

using System.Buffers;
using Parley.Codecs;
using Parley.Codecs.MessagePack;
using Parley.Tests.Protocol;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>The codec seam, held to the same behaviour as the JSON codec.</summary>
public sealed class MessagePackRpcCodecTests
{
    private readonly MessagePackRpcCodec _codec = new();

    [Fact]
    public void Id_DefaultCodec_IsMessagePackCodecId()
    {
        // Act
        var codec = MessagePackRpcCodec.Default;

        // Assert
        Assert.Equal(CodecIds.MessagePack, codec.Id);
        Assert.Equal("msgpack", codec.Name);
        Assert.Equal(64, codec.MaxDepth);
    }

    [Fact]
    public void SerializeArguments_Record_WritesOneArrayWithMapOfDeclaredNames()
    {
        // Arrange
        object?[] arguments = [new Point(1, 2, "p"), null];

        // Act
        var hex = Bytes.ToHex(SerializeArguments(arguments).ToArray());

        // Assert: [ {"X": 1, "Y": 2, "Label": "p"}, nil ]
        Assert.Equal("92" + "83" + "a158" + "01" + "a159" + "02" + "a54c6162656c" + "a170" + "c0", hex);
    }

    [Fact]
    public void SerializeArguments_NoArguments_WritesEmptyArrayAndDecodesToNoArguments()
    {
        // Arrange
        var payload = SerializeArguments([]);

        // Act
        var decoded = _codec.DeserializeArguments(payload, []);

        // Assert
        Assert.Equal("90", Bytes.ToHex(payload.ToArray()));
        Assert.Empty(decoded);
    }

    [Theory]
    [InlineData("910102")]
    [InlineData("9101c0")]
    [InlineData("8101")]
    [InlineData("01")]
    [InlineData("9201")]
    public void DeserializeArguments_NotExactlyOneArray_Throws(string hex)
    {
        // Act and assert
        Assert.Throws<MessagePackSerializationException>(
            () => _codec.DeserializeArguments(new ReadOnlySequence<byte>(Bytes.FromHex(hex)), [typeof(int)]));
    }

    [Fact]
    public void DeserializeArguments_WrongElementType_ThrowsNamingTypeAndOffset()
    {
        // Arrange: ["not a number"]
        var payload = new ReadOnlySequence<byte>(Bytes.FromHex("91ac6e6f742061206e756d626572"));

        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => _codec.DeserializeArguments(payload, [typeof(int)]));

        // Assert
        Assert.Equal("expected int for Int32 but found str (at byte offset 1)", exception.Message);
        Assert.Equal(1, exception.Offset);
    }

    [Theory]
    [InlineData("0102", typeof(int))]
    [InlineData("01c0", typeof(object))]
    [InlineData("a161a162", typeof(string))]
    [InlineData("9101ff", typeof(int[]))]
    [InlineData("83a15801a15902a54c6162656ca170c3", typeof(Point))]
    public void Deserialize_TrailingData_Throws(string hex, Type type)
    {
        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Decode(Bytes.FromHex(hex), type));

        // Assert
        Assert.Contains("unexpected byte(s) after the value", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_ObjectDeclaredType_UsesRuntimeType()
    {
        // Act
        var asObject = Bytes.Encode(new Point(1, 2, "p"), typeof(object));
        var asPoint = Bytes.Encode(new Point(1, 2, "p"), typeof(Point));

        // Assert
        Assert.Equal(asPoint, asObject);
    }

    [Fact]
    public void Serialize_ValueNotOfDeclaredType_Throws()
    {
        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Encode("text", typeof(int)));

        // Assert
        Assert.Equal("a String cannot be written as Int32", exception.Message);
    }

    [Fact]
    public void Constructor_MaxDepthOutOfRange_Throws()
    {
        // Act
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePackRpcCodec(new MessagePackCodecOptions { MaxDepth = 0 }));

        // Assert
        Assert.Equal("MaxDepth", exception.ParamName);
    }

    private ReadOnlySequence<byte> SerializeArguments(object?[] arguments)
    {
        var output = new ArrayBufferWriter<byte>();
        _codec.SerializeArguments(output, arguments);
        return new ReadOnlySequence<byte>(output.WrittenMemory);
    }

    public sealed record Point(int X, int Y, string Label);
}

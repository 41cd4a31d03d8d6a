using Parley.Codecs.MessagePack;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>Reading as <c>object</c> gives the same plain values as the JSON codec, plus bin, timestamps and extensions.</summary>
public sealed class NaturalValueTests
{
    // Integers must stay long whatever their format: a conditional expression would silently widen them to double.
    [Theory]
    [InlineData("2a", 42L)]
    [InlineData("ff", -1L)]
    [InlineData("cc80", 128L)]
    [InlineData("d0df", -33L)]
    [InlineData("ceffffffff", 4294967295L)]
    [InlineData("cf7fffffffffffffff", long.MaxValue)]
    [InlineData("cf8000000000000000", 9223372036854775808UL)]
    [InlineData("ca3fc00000", 1.5)]
    [InlineData("cb3ff8000000000000", 1.5)]
    [InlineData("a474657874", "text")]
    [InlineData("c3", true)]
    [InlineData("c2", false)]
    [InlineData("c0", null)]
    public void Deserialize_ObjectTypeScalar_GivesNaturalValue(string hex, object? expected)
    {
        // Act
        var value = Bytes.Decode(Bytes.FromHex(hex), typeof(object));

        // Assert
        Assert.Equal(expected, value);
        Assert.Equal(expected?.GetType(), value?.GetType());
    }

    [Fact]
    public void Deserialize_ObjectTypeNested_GivesArraysAndStringKeyedDictionaries()
    {
        // Arrange: {"list": [1, 2.5, "x", [], {}], "bin": bin(1 2), "nested": {"inner": [true]}}
        var bytes = Bytes.FromHex("83a46c69737495" + "01cb4004000000000000a1789080" + "a362696ec4020102" + "a66e657374656481a5696e6e657291c3");

        // Act
        var value = Bytes.Decode(bytes, typeof(object));

        // Assert
        var map = Assert.IsType<Dictionary<string, object?>>(value);
        var list = Assert.IsType<object?[]>(map["list"]);
        Assert.Equal(1L, list[0]);
        Assert.Equal(2.5, list[1]);
        Assert.Equal("x", list[2]);
        Assert.Empty(Assert.IsType<object?[]>(list[3]));
        Assert.Empty(Assert.IsType<Dictionary<string, object?>>(list[4]));
        Assert.Equal(new byte[] { 1, 2 }, Assert.IsType<byte[]>(map["bin"]));
        var nested = Assert.IsType<Dictionary<string, object?>>(map["nested"]);
        Assert.Equal(new object?[] { true }, nested["inner"]);
    }

    [Fact]
    public void Deserialize_ObjectTypeMapWithNonStrKey_GivesObjectKeyedDictionaryInOrder()
    {
        // Arrange: {"a": 1, 2: "b", "c": nil}
        var bytes = Bytes.FromHex("83a1610102a162a163c0");

        // Act
        var value = Bytes.Decode(bytes, typeof(object));

        // Assert
        var map = Assert.IsType<Dictionary<object, object?>>(value);
        Assert.Equal(new object[] { "a", 2L, "c" }, map.Keys);
        Assert.Equal(1L, map["a"]);
        Assert.Equal("b", map[2L]);
        Assert.Null(map["c"]);
    }

    [Fact]
    public void Deserialize_ObjectTypeTimestamp_GivesUtcDateTimeOffset()
    {
        // Act
        var value = Bytes.Decode(Bytes.FromHex("d6ff00000001"), typeof(object));

        // Assert
        var instant = Assert.IsType<DateTimeOffset>(value);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Fact]
    public void Deserialize_ObjectTypeTimestampBeyondDateTime_GivesMessagePackTimestamp()
    {
        // Arrange
        var far = new MessagePackTimestamp(-62135596801, 5);

        // Act
        var value = Bytes.Decode(Bytes.Encode(far), typeof(object));

        // Assert
        Assert.Equal(far, Assert.IsType<MessagePackTimestamp>(value));
    }

    [Fact]
    public void Deserialize_ObjectTypeExtension_GivesMessagePackExtension()
    {
        // Act
        var value = Bytes.Decode(Bytes.FromHex("c7030a010203"), typeof(object));

        // Assert
        var extension = Assert.IsType<MessagePackExtension>(value);
        Assert.Equal(10, extension.Type);
        Assert.Equal(new byte[] { 1, 2, 3 }, extension.Data.ToArray());
        Assert.Equal(new MessagePackExtension(10, [1, 2, 3]), extension);
    }

    [Fact]
    public void Serialize_NaturalValues_WriteBackTheSameBytes()
    {
        // Arrange
        var bytes = Bytes.FromHex("86a16101a162cb4004000000000000a163c4020102a16492c3c0a165d6ff00000001a16681a167c7030a010203");

        // Act
        var rewritten = Bytes.Encode(Bytes.Decode(bytes, typeof(object)), typeof(object));

        // Assert
        Assert.Equal(Bytes.ToHex(bytes), Bytes.ToHex(rewritten));
    }

    [Fact]
    public void Serialize_BareObject_WritesEmptyMap()
    {
        // Act
        var bytes = Bytes.Encode(new object(), typeof(object));

        // Assert
        Assert.Equal("80", Bytes.ToHex(bytes));
    }
}

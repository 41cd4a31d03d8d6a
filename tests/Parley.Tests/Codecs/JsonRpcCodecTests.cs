using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Parley.Codecs;
using Parley.Tests.Protocol;

namespace Parley.Tests.Codecs;

public sealed class JsonRpcCodecTests
{
    private readonly JsonRpcCodec _codec = new();

    [Fact]
    public void Id_DefaultCodec_IsJsonCodecId()
    {
        // Act
        var codec = JsonRpcCodec.Default;

        // Assert
        Assert.Equal(CodecIds.Json, codec.Id);
        Assert.Equal("json", codec.Name);
    }

    [Fact]
    public void SerializeArguments_Record_UsesCamelCaseArray()
    {
        // Arrange
        object?[] arguments = [new Point(1, 2, "p"), null];

        // Act
        var json = Encoding.UTF8.GetString(SerializeArguments(arguments).ToArray());

        // Assert
        Assert.Equal("""[{"x":1,"y":2,"label":"p"},null]""", json);
    }

    // Integers must stay long: a conditional expression mixing long and double would silently make them double.
    [Fact]
    public void DeserializeArguments_ObjectParameters_GiveNaturalValues()
    {
        // Arrange
        var payload = Utf8("""[7, 2.5, "s", [1, "two"], {"a": null}]""");

        // Act
        var decoded = _codec.DeserializeArguments(payload, Enumerable.Repeat(typeof(object), 5).ToArray());

        // Assert
        Assert.Equal(7L, decoded[0]);
        Assert.Equal(2.5, decoded[1]);
        Assert.Equal("s", decoded[2]);
        Assert.Equal(new object?[] { 1L, "two" }, decoded[3]);
        var map = Assert.IsType<Dictionary<string, object?>>(decoded[4]);
        Assert.True(map.ContainsKey("a"));
        Assert.Null(map["a"]);
    }

    [Fact]
    public void SerializeArguments_NoArguments_DecodesToNoArguments()
    {
        // Arrange
        var payload = SerializeArguments([]);

        // Act
        var decoded = _codec.DeserializeArguments(payload, []);

        // Assert
        Assert.Equal("[]", Encoding.UTF8.GetString(payload.ToArray()));
        Assert.Empty(decoded);
    }

    [Theory]
    [InlineData("[1] 2")]
    [InlineData("[1]]")]
    [InlineData("[1] x")]
    [InlineData("{\"a\":1}")]
    [InlineData("1")]
    [InlineData("[1,")]
    public void DeserializeArguments_NotExactlyOneArray_Throws(string json)
    {
        // Act and assert
        Assert.ThrowsAny<JsonException>(() => _codec.DeserializeArguments(Utf8(json), [typeof(int)]));
    }

    [Fact]
    public void DeserializeArguments_WrongElementType_Throws()
    {
        // Act and assert
        Assert.ThrowsAny<JsonException>(() => _codec.DeserializeArguments(Utf8("""["not a number"]"""), [typeof(int)]));
    }

    // Integers must stay long: a conditional expression mixing long and double would silently make them double.
    [Fact]
    public void Deserialize_ObjectType_GivesNaturalValues()
    {
        // Arrange
        var payload = Utf8("""
            {"int": 42, "negative": -7, "big": 9223372036854775807, "fraction": 0.25, "exponent": 1e3,
             "text": "hi", "yes": true, "no": false, "nothing": null, "list": [1, 2.5, "x", [], {}],
             "nested": {"inner": [true]}}
            """);

        // Act
        var value = _codec.Deserialize(payload, typeof(object));

        // Assert
        var map = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.Equal(42L, Assert.IsType<long>(map["int"]));
        Assert.Equal(-7L, map["negative"]);
        Assert.Equal(long.MaxValue, map["big"]);
        Assert.Equal(0.25, Assert.IsType<double>(map["fraction"]));
        Assert.Equal(1000.0, Assert.IsType<double>(map["exponent"]));
        Assert.Equal("hi", map["text"]);
        Assert.Equal(true, map["yes"]);
        Assert.Equal(false, map["no"]);
        Assert.Null(map["nothing"]);
        var list = Assert.IsType<object?[]>(map["list"]);
        Assert.Equal(1L, list[0]);
        Assert.Equal(2.5, list[1]);
        Assert.Equal("x", list[2]);
        Assert.Empty(Assert.IsType<object?[]>(list[3]));
        Assert.Empty(Assert.IsType<Dictionary<string, object?>>(list[4]));
        var nested = Assert.IsType<Dictionary<string, object?>>(map["nested"]);
        Assert.Equal(new object?[] { true }, nested["inner"]);
    }

    // Integers must stay long: a conditional expression mixing long and double would silently make them double.
    [Theory]
    [InlineData("42", 42L)]
    [InlineData("-1", -1L)]
    [InlineData("1.5", 1.5)]
    [InlineData("18446744073709551616", 18446744073709551616.0)]
    [InlineData("\"text\"", "text")]
    [InlineData("true", true)]
    [InlineData("null", null)]
    public void Deserialize_ObjectTypeScalar_GivesNaturalValue(string json, object? expected)
    {
        // Act
        var value = _codec.Deserialize(Utf8(json), typeof(object));

        // Assert
        Assert.Equal(expected, value);
        Assert.Equal(expected?.GetType(), value?.GetType());
    }

    [Fact]
    public void Deserialize_TypedRecord_ReadsCamelCaseCaseInsensitively()
    {
        // Arrange
        var payload = Utf8("""{"X": 5, "y": 6, "LABEL": "upper"}""");

        // Act
        var value = _codec.Deserialize(payload, typeof(Point));

        // Assert
        Assert.Equal(new Point(5, 6, "upper"), value);
    }

    [Theory]
    [InlineData("1 2")]
    [InlineData("1 x")]
    [InlineData("[1]]")]
    [InlineData("{} {}")]
    [InlineData("\"a\" \"b\"")]
    public void Deserialize_ObjectTypeWithTrailingData_Throws(string json)
    {
        // Act and assert
        Assert.ThrowsAny<JsonException>(() => _codec.Deserialize(Utf8(json), typeof(object)));
    }

    // A typed read must consume the whole payload, as the untyped one does: trailing bytes are an error, not ignored.
    [Theory]
    [InlineData("1 2", typeof(int))]
    [InlineData("1 x", typeof(int))]
    [InlineData("\"a\" \"b\"", typeof(string))]
    [InlineData("""{"x":1,"y":2,"label":"p"} garbage""", typeof(Point))]
    [InlineData("[1,2]]", typeof(int[]))]
    public void Deserialize_TypedWithTrailingData_Throws(string json, Type type)
    {
        // Act and assert
        Assert.ThrowsAny<JsonException>(() => _codec.Deserialize(Utf8(json), type));
    }

    // Writer-level settings of the options (Encoder, WriteIndented) must reach the JSON writer too.
    [Fact]
    public void Serialize_CustomEncoderInOptions_IsUsed()
    {
        // Arrange
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var codec = new JsonRpcCodec(options);
        var output = new ArrayBufferWriter<byte>();

        // Act
        codec.Serialize(output, "<é>", typeof(string));

        // Assert
        Assert.Equal("\"<é>\"", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void DeserializeArguments_AnyIntsAndStrings_RoundTrip()
    {
        // Arrange
        var argument = Gen.OneOf(
            ArbMap.Default.GeneratorFor<int>().Select(i => (object?)i),
            ArbMap.Default.GeneratorFor<long>().Select(l => (object?)l),
            ArbMap.Default.GeneratorFor<string>().Where(s => s is null || IsWellFormed(s)).Select(s => (object?)s),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (object?)b));
        var argumentLists = Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(argument, n));

        // Act and assert
        var config = Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(200);
        Check.One(config, Prop.ForAll(Arb.From(argumentLists), arguments =>
        {
            var types = arguments.Select(a => a?.GetType() ?? typeof(string)).ToArray();
            var decoded = _codec.DeserializeArguments(SerializeArguments(arguments), types);
            Assert.Equal(arguments, decoded);
        }));
    }

    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySequence<byte> Utf8(string json) => new(Encoding.UTF8.GetBytes(json));

    private ReadOnlySequence<byte> SerializeArguments(object?[] arguments)
    {
        var output = new ArrayBufferWriter<byte>();
        _codec.SerializeArguments(output, arguments);
        return new ReadOnlySequence<byte>(output.WrittenMemory);
    }

    public sealed record Point(int X, int Y, string Label);
}

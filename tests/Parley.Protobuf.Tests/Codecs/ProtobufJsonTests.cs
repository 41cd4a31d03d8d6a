using System.Buffers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Parley.Codecs;
using Parley.Protobuf.Tests.Protos;
using Parley.Protobuf.Tests.TestSupport;

namespace Parley.Protobuf.Tests.Codecs;

public sealed class ProtobufJsonTests
{
    [Fact]
    public void Serialize_FullMessage_WritesTheProto3JsonMapping()
    {
        // Arrange
        var request = Messages.FullRequest();
        var output = new ArrayBufferWriter<byte>();

        // Act
        ProtobufJson.Codec.Serialize(output, request, typeof(HelloRequest));

        // Assert
        Assert.Equal(JsonFormatter.Default.Format(request), Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Deserialize_Proto3Json_RoundTripsEveryField()
    {
        // Arrange
        var request = Messages.FullRequest();
        var output = new ArrayBufferWriter<byte>();
        ProtobufJson.Codec.SerializeArguments(output, [request]);

        // Act
        var arguments = ProtobufJson.Codec.DeserializeArguments(new ReadOnlySequence<byte>(output.WrittenMemory), [typeof(HelloRequest)]);

        // Assert
        Assert.Equal(request, Assert.IsType<HelloRequest>(Assert.Single(arguments)));
    }

    [Fact]
    public void Deserialize_HandWrittenProto3Json_ReadsRepeatedMapBytesAndOneof()
    {
        // Arrange: what a caller in another language would send.
        const string json = """
            {"name":"Ada","tags":["a","b"],"scores":{"x":1,"y":2},"avatar":"AAH+","email":"ada@example.org",
             "mood":"MOOD_GRUMPY","address":{"city":"London"}}
            """;

        // Act
        var request = (HelloRequest)ProtobufJson.Codec.Deserialize(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), typeof(HelloRequest))!;

        // Assert
        Assert.Equal(["a", "b"], request.Tags);
        Assert.Equal(2, request.Scores["y"]);
        Assert.Equal(new byte[] { 0, 1, 254 }, request.Avatar.ToByteArray());
        Assert.Equal("ada@example.org", request.Email);
        Assert.Equal(Mood.Grumpy, request.Mood);
        Assert.Equal("London", request.Address.City);
    }

    [Fact]
    public void Deserialize_PlainJsonCodec_LosesRepeatedFields()
    {
        // Arrange: why the plain JSON codec must not carry messages. This pins the behaviour that docs/protobuf.md
        // warns about; if System.Text.Json ever fills read-only collections, the warning can go.
        var json = new ReadOnlySequence<byte>("""{"name":"Ada","tags":["a","b"]}"""u8.ToArray());

        // Act
        var request = (HelloRequest)JsonRpcCodec.Default.Deserialize(json, typeof(HelloRequest))!;

        // Assert
        Assert.Equal("Ada", request.Name);
        Assert.Empty(request.Tags);
    }

    [Fact]
    public void Deserialize_UnknownField_ThrowsNamingIt()
    {
        // Arrange: plain System.Text.Json output of a message has properties that are not fields (e.g. contactCase).
        var json = new ReadOnlySequence<byte>("""{"name":"Ada","contactCase":0}"""u8.ToArray());

        // Act
        var error = Assert.Throws<JsonException>(() => ProtobufJson.Codec.Deserialize(json, typeof(HelloRequest)));

        // Assert
        Assert.StartsWith("HelloRequest is not in the proto3 JSON mapping (", error.Message, StringComparison.Ordinal);
        Assert.Contains("contactCase", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; .NET callers send it with ProtobufJson.Codec", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidProtocolBufferException>(error.InnerException);
    }

    [Fact]
    public void Serialize_MessageInsideAPlainObject_UsesTheMapping()
    {
        // Arrange
        var value = new { Id = 1, Request = new HelloRequest { Tags = { "t" }, Phone = 5 } };
        var output = new ArrayBufferWriter<byte>();

        // Act
        ProtobufJson.Codec.Serialize(output, value, value.GetType());

        // Assert: 64-bit integers are strings in the proto3 mapping.
        Assert.Equal("""{"id":1,"request":{ "tags": [ "t" ], "phone": "5" }}""", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void CreateOptions_Twice_GivesIndependentMutableOptions()
    {
        // Arrange, Act
        var first = ProtobufJson.CreateOptions();
        var second = ProtobufJson.CreateOptions();
        first.WriteIndented = true;

        // Assert
        Assert.NotSame(first, second);
        Assert.False(second.WriteIndented);
        Assert.Contains(first.Converters, c => c is ProtobufJsonConverter);
        Assert.Equal(JsonNamingPolicy.CamelCase, first.PropertyNamingPolicy);
    }

    [Fact]
    public void CanConvert_MessageAndOtherTypes_OnlyConcreteMessages()
    {
        // Arrange
        var converter = new ProtobufJsonConverter();

        // Act, Assert
        Assert.True(converter.CanConvert(typeof(HelloRequest)));
        Assert.False(converter.CanConvert(typeof(IMessage)));
        Assert.False(converter.CanConvert(typeof(HandWrittenMessage)));
        Assert.False(converter.CanConvert(typeof(string)));
    }
}

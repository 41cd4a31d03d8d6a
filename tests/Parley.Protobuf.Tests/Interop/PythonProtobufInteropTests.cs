using System.Buffers;
using Parley.Protobuf.Tests.Protos;
using Parley.Protobuf.Tests.TestSupport;

namespace Parley.Protobuf.Tests.Interop;

/// <summary>Parley's protobuf payloads against an independent implementation (Debian's python3-protobuf).</summary>
public sealed class PythonProtobufInteropTests
{
    [Fact]
    public async Task SerializeArguments_FullRequest_PythonDecodesEveryField()
    {
        // Arrange: exactly the payload a Parley client puts in the request frame.
        var request = Messages.FullRequest();
        var payload = new ArrayBufferWriter<byte>();
        ProtobufRpcCodec.Default.SerializeArguments(payload, [request]);

        // Act
        var json = await PythonProtobufPeer.DecodeAsync(HelloRequest.Descriptor, payload.WrittenSpan.ToArray()).DefaultTimeout();

        // Assert: what Python read, brought back through the proto3 JSON mapping, is the message that was sent.
        Assert.Contains("\"luckyNumbers\": [7, -1, 2147483647]", json, StringComparison.Ordinal);
        Assert.Contains("\"avatar\": \"AAEC/v8=\"", json, StringComparison.Ordinal);
        Assert.Equal(request, HelloRequest.Parser.ParseJson(json));
    }

    [Fact]
    public async Task Deserialize_BytesEncodedByPython_GivesTheSameMessage()
    {
        // Arrange
        const string json = """
            {"name": "Grace", "tags": ["cobol", "navy"], "address": {"street": "1 Main St", "city": "Arlington"},
             "scores": {"bugs": 1, "compilers": 3}, "avatar": "3q2+7w==", "email": "grace@example.org",
             "mood": "MOOD_GRUMPY", "luckyNumbers": [-42, 0, 9], "height": 1.7}
            """;
        var bytes = await PythonProtobufPeer.EncodeAsync(HelloRequest.Descriptor, json).DefaultTimeout();

        // Act
        var decoded = ProtobufRpcCodec.Default.DeserializeArguments(new ReadOnlySequence<byte>(bytes), [typeof(HelloRequest)]);

        // Assert
        var request = Assert.IsType<HelloRequest>(Assert.Single(decoded));
        Assert.Equal("Grace", request.Name);
        Assert.Equal(["cobol", "navy"], request.Tags);
        Assert.Equal("Arlington", request.Address.City);
        Assert.Equal(3, request.Scores["compilers"]);
        Assert.Equal(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, request.Avatar.ToByteArray());
        Assert.Equal(HelloRequest.ContactOneofCase.Email, request.ContactCase);
        Assert.Equal(Mood.Grumpy, request.Mood);
        Assert.Equal([-42, 0, 9], request.LuckyNumbers);
        Assert.Equal(1.7, request.Height);
    }

    [Fact]
    public async Task Serialize_Reply_PythonDecodesIt()
    {
        // Arrange: exactly the payload a Parley server puts in the response frame.
        var reply = new HelloReply { Message = "Hello, Grace!", TagCount = 2, ScoreTotal = -4 };
        var payload = new ArrayBufferWriter<byte>();
        ProtobufRpcCodec.Default.Serialize(payload, reply, typeof(HelloReply));

        // Act
        var json = await PythonProtobufPeer.DecodeAsync(HelloReply.Descriptor, payload.WrittenSpan.ToArray()).DefaultTimeout();

        // Assert
        Assert.Equal("""{"message": "Hello, Grace!", "scoreTotal": -4, "tagCount": 2}""", json);
    }
}

using Parley.Client;
using Parley.Codecs;
using Parley.Protobuf.Tests.Protos;
using Parley.Protobuf.Tests.TestSupport;

namespace Parley.Protobuf.Tests.EndToEnd;

/// <summary>JSON callers of a protobuf contract on a server set up with <c>AddProtobuf()</c>.</summary>
public sealed class JsonCallerTests
{
    private static readonly CallOptions ProtobufJsonCall = new() { Codec = ProtobufJson.Codec };

    [Fact]
    public async Task Echo_ProtobufJsonCaller_ComesBackFieldForField()
    {
        // Arrange
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();
        var request = Messages.FullRequest();

        // Act
        var echoed = await client.InvokeAsync<HelloRequest>("Greeter", "Echo", [request], ProtobufJsonCall).DefaultTimeout();

        // Assert
        Assert.Equal(request, echoed);
    }

    [Fact]
    public async Task SayHello_UntypedJsonCaller_GetsTheReplyAsPlainValues()
    {
        // Arrange: what a caller without the generated classes (another language, a tool) sends.
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();
        var request = new Dictionary<string, object?>
        {
            ["name"] = "Ada",
            ["tags"] = new[] { "a", "b", "c" },
            ["scores"] = new Dictionary<string, int> { ["x"] = 4 },
        };

        // Act
        var reply = await client.InvokeAsync("Greeter", "SayHello", [request]).DefaultTimeout();

        // Assert
        var fields = Assert.IsType<Dictionary<string, object?>>(reply);
        Assert.Equal("Hello, Ada!", fields["message"]);
        Assert.Equal(3L, fields["tagCount"]);
        Assert.Equal(4L, fields["scoreTotal"]);
    }

    [Fact]
    public async Task SayHello_PlainJsonCodecCaller_FailsWithInvalidArgumentInsteadOfLosingFields()
    {
        // Arrange: plain System.Text.Json writes a message's computed properties (contactCase, hasEmail) and bytes as
        // a number array, none of which is proto3 JSON.
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();
        var plainJson = new CallOptions { Codec = JsonRpcCodec.Default };

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync<HelloReply>("Greeter", "SayHello", [new HelloRequest { Name = "Ada" }], plainJson)).DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(
            "could not decode the arguments of Greeter.SayHello (HelloRequest) with json: HelloRequest is not in the proto3 JSON mapping",
            error.Detail, StringComparison.Ordinal);
        Assert.Contains(".NET callers send it with ProtobufJson.Codec", error.Detail, StringComparison.Ordinal);
    }
}

using Parley.Client;
using Parley.Protobuf.Tests.Protos;
using Parley.Protobuf.Tests.TestSupport;

namespace Parley.Protobuf.Tests.EndToEnd;

/// <summary>Calls in the protobuf codec to a real server over TCP.</summary>
public sealed class ProtobufCallTests
{
    private static readonly CallOptions Protobuf = new() { Codec = ProtobufRpcCodec.Default };

    [Fact]
    public async Task SayHello_ProtobufCall_ReturnsTheReply()
    {
        // Arrange
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();
        var request = new HelloRequest { Name = "Ada", Tags = { "a", "b" }, Scores = { ["x"] = 2, ["y"] = 3 } };

        // Act
        var reply = await client.InvokeAsync<HelloReply>("Greeter", "SayHello", [request], Protobuf).DefaultTimeout();

        // Assert
        Assert.Equal(new HelloReply { Message = "Hello, Ada!", TagCount = 2, ScoreTotal = 5 }, reply);
    }

    [Fact]
    public async Task Echo_FullRequest_ComesBackFieldForField()
    {
        // Arrange
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();
        var request = Messages.FullRequest();

        // Act
        var echoed = await client.InvokeAsync<HelloRequest>("Greeter", "Echo", [request], Protobuf).DefaultTimeout();

        // Assert
        Assert.Equal(request, echoed);
        Assert.NotSame(request, echoed);
    }

    [Fact]
    public async Task SayHello_EmptyRequest_SendsAnEmptyPayloadAndIsAnswered()
    {
        // Arrange
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();

        // Act
        var reply = await client.InvokeAsync<HelloReply>("Greeter", "SayHello", [new HelloRequest()], Protobuf).DefaultTimeout();

        // Assert
        Assert.Equal("Hello, !", reply.Message);
        Assert.Equal(0, reply.TagCount);
    }

    [Theory]
    [InlineData(StatusCode.NotFound)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.FailedPrecondition)]
    public async Task Fail_HandlerThrowsRpcException_CallerGetsItsStatusAndDetail(StatusCode status)
    {
        // Arrange
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();
        var request = new HelloRequest { Name = status.ToString() };

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync<HelloReply>("Greeter", "Fail", [request], Protobuf)).DefaultTimeout();

        // Assert
        Assert.Equal(status, error.StatusCode);
        Assert.Equal($"failing as asked for {status}", error.Detail);
    }

    [Fact]
    public async Task WaitForCancellation_DeadlinePasses_FailsWithDeadlineExceededAndCancelsTheHandler()
    {
        // Arrange
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();
        var options = new CallOptions { Codec = ProtobufRpcCodec.Default, Timeout = TimeSpan.FromMilliseconds(300) };

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync<HelloReply>("Greeter", "WaitForCancellation", [new HelloRequest()], options)).DefaultTimeout();
        await server.Greeter.HandlerCancelled.DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Notify_MethodReturnsNothing_UntypedCallGetsNullAndHandlerGetsTheMessage()
    {
        // Arrange
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();
        var request = Messages.FullRequest();

        // Act
        var result = await client.InvokeAsync("Greeter", "Notify", [request], Protobuf).DefaultTimeout();
        var received = await server.Greeter.Notified.DefaultTimeout();

        // Assert
        Assert.Null(result);
        Assert.Equal(request, received);
    }

    [Fact]
    public async Task SayHello_UntypedProtobufCall_FailsSayingADeclaredTypeIsNeeded()
    {
        // Arrange
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync("Greeter", "SayHello", [new HelloRequest { Name = "x" }], Protobuf)).DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("protobuf needs a declared type", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negate_ProtobufCallToIntMethod_FailsWithUnimplementedNamingTheReason()
    {
        // Arrange: the server has JSON and protobuf; Calculator is served in JSON only.
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();
        var rawProtobuf = new CallOptions { Codec = new RawBytesCodec([0x08, 0x05]) };

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync<int>("Calculator", "Negate", [5], rawProtobuf)).DefaultTimeout();
        var inJson = await client.InvokeAsync<int>("Calculator", "Negate", [5]).DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Equal(
            "Calculator.Negate cannot be called with protobuf: argument 1 (Int32) is not a protobuf message; " +
            "the protobuf codec carries exactly one message in and one out",
            error.Detail);
        Assert.Equal(-5, inJson);
    }

    [Fact]
    public async Task Add_ProtobufCodecWithIntArguments_FailsOnTheClientBeforeSending()
    {
        // Arrange
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync<int>("Calculator", "Add", [1, 2], Protobuf)).DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("could not encode the arguments of Calculator.Add with protobuf", error.Detail, StringComparison.Ordinal);
        Assert.Contains("exactly one message argument; got 2", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SayHello_MalformedBytes_FailsWithInvalidArgument()
    {
        // Arrange: field 1 (string) announces 10 bytes but only 2 follow.
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();
        var malformed = new CallOptions { Codec = new RawBytesCodec([0x0A, 0x0A, 0x41, 0x42]) };

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync<byte[]>("Greeter", "SayHello", [null], malformed)).DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("could not decode the arguments of Greeter.SayHello (HelloRequest) with protobuf:", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReturnNull_HandlerReturnsNull_FailsWithInternalSuggestingAnEmptyMessage()
    {
        // Arrange
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync<HelloReply>("Greeter", "ReturnNull", [new HelloRequest()], Protobuf)).DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.StartsWith("could not encode the result of Greeter.ReturnNull with protobuf: a protobuf message cannot be null",
            error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SayHello_ClientWithProtobufAsDefaultCodec_UsesItWithoutCallOptions()
    {
        // Arrange
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = new RpcClient(server.Server.EndPoints[0], new RpcClientOptions { Codec = ProtobufRpcCodec.Default });

        // Act
        var reply = await client.InvokeAsync<HelloReply>("Greeter", "SayHello", [new HelloRequest { Name = "Bo" }]).DefaultTimeout();
        var notSent = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync<int>("Calculator", "Add", [1, 2])).DefaultTimeout();

        // Assert: the second call proves the client really encodes in protobuf by default.
        Assert.Equal("Hello, Bo!", reply.Message);
        Assert.Contains("with protobuf", notSent.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SayHello_ManyConcurrentCallsOnOneClient_EachGetsItsOwnReply()
    {
        // Arrange
        await using var server = await ProtobufTestServer.StartAsync();
        await using var client = server.CreateClient();
        var names = Enumerable.Range(0, 200).Select(i => $"caller-{i}").ToArray();

        // Act
        var replies = await Task.WhenAll(names.Select(name =>
            client.InvokeAsync<HelloReply>("Greeter", "SayHello", [new HelloRequest { Name = name }], Protobuf))).DefaultTimeout();

        // Assert
        Assert.Equal(names.Select(name => $"Hello, {name}!"), replies.Select(reply => reply.Message));
    }
}

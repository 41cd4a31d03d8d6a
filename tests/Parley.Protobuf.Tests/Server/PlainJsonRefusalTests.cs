using System.Net;
using Parley.Client;
using Parley.Codecs;
using Parley.Protobuf.Tests.Protos;
using Parley.Protobuf.Tests.TestSupport;
using Parley.Server;

namespace Parley.Protobuf.Tests.Server;

/// <summary>Without <c>AddProtobuf()</c>, plain JSON refuses protobuf messages instead of mangling them.</summary>
public sealed class PlainJsonRefusalTests
{
    [Fact]
    public void CanCarry_PlainJsonAndMessageTypes_RefusesNamingTheFix()
    {
        // Act
        var carried = JsonRpcCodec.Default.CanCarry([typeof(HelloRequest)], typeof(HelloReply), out var reason);

        // Assert
        Assert.False(carried);
        Assert.Contains("use ProtobufJson.Codec", reason, StringComparison.Ordinal);
        Assert.True(ProtobufJson.Codec.CanCarry([typeof(HelloRequest)], typeof(HelloReply), out _));
    }

    [Fact]
    public async Task Call_PlainJsonServerCodecAndProtobufContract_AnswersUnimplementedForJsonCallers()
    {
        // Arrange: the protobuf codec is added by hand, so the server's JSON codec stays the plain one.
        var builder = new RpcServerBuilder()
            .AddService<IGreeter>(new Greeter())
            .ListenTcp(IPAddress.Loopback, 0)
            .Configure(o => o.Codecs.Add(ProtobufRpcCodec.Default));
        await using var server = builder.Build();
        await server.StartAsync().DefaultTimeout();
        await using var client = new RpcClient(server.EndPoints[0]);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync("Greeter", "SayHello", [new Dictionary<string, object?> { ["name"] = "Ada" }])).DefaultTimeout();
        var viaProtobuf = await client.InvokeAsync<HelloReply>(
            "Greeter", "SayHello", [new HelloRequest { Name = "Ada" }], new CallOptions { Codec = ProtobufRpcCodec.Default }).DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("use ProtobufJson.Codec", error.Detail, StringComparison.Ordinal);
        Assert.Equal("Hello, Ada!", viaProtobuf.Message);
    }

    [Fact]
    public void GetService_PlainJsonClientCodec_FailsAtProxyCreation()
    {
        // Arrange
        using var client = new RpcClient(new IPEndPoint(IPAddress.Loopback, 1));

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => client.GetService<IGreeter>());

        // Assert
        Assert.Contains("use ProtobufJson.Codec", error.Message, StringComparison.Ordinal);
    }
}

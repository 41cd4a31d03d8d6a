using System.Buffers;
using Parley.Client;
using Parley.Codecs;
using Parley.Codecs.MessagePack;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>Calls over real TCP in MessagePack, against a server with its default codecs.</summary>
public sealed class MessagePackEndToEndTests
{
    private static readonly CallOptions MessagePack = new() { Codec = MessagePackRpcCodec.Default };

    [Fact]
    public async Task InvokeAsync_AddInMessagePack_ReturnsSum()
    {
        // Arrange
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();

        // Act
        var sum = await client.InvokeAsync<int>("TestService", "Add", [40, 2], MessagePack).DefaultTimeout();

        // Assert
        Assert.Equal(42, sum);
    }

    [Fact]
    public async Task InvokeAsync_EchoRecordInMessagePack_ReturnsEqualRecord()
    {
        // Arrange
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();
        var record = new TestRecord(7, "héllo 🙂", [1.5, double.NaN, -0.0, double.MaxValue]);

        // Act
        var echoed = await client.InvokeAsync<TestRecord>("TestService", "EchoRecord", [record], MessagePack).DefaultTimeout();

        // Assert
        Assert.Equal(record.Id, echoed.Id);
        Assert.Equal(record.Name, echoed.Name);
        Assert.Equal(record.Values, echoed.Values);
    }

    [Fact]
    public async Task InvokeAsync_SplitWithCharArgument_ReturnsParts()
    {
        // Arrange
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();

        // Act
        var parts = await client.InvokeAsync<string[]>("TestService", "Split", ["a,b,,c", ','], MessagePack).DefaultTimeout();

        // Assert
        Assert.Equal(["a", "b", "", "c"], parts);
    }

    [Fact]
    public async Task InvokeAsync_GetBytesInMessagePack_ReturnsBinOfRequestedLength()
    {
        // Arrange
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();

        // Act
        var bytes = await client.InvokeAsync<byte[]>("TestService", "GetBytes", [70_000], MessagePack).DefaultTimeout();
        var untyped = await client.InvokeAsync("TestService", "GetBytes", [3], MessagePack).DefaultTimeout();

        // Assert
        Assert.Equal(70_000, bytes.Length);
        Assert.Equal(new byte[3], Assert.IsType<byte[]>(untyped));
    }

    [Fact]
    public async Task InvokeAsync_NothingInMessagePack_ReturnsNull()
    {
        // Arrange
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();

        // Act
        var result = await client.InvokeAsync("TestService", "Nothing", [], MessagePack).DefaultTimeout();

        // Assert
        Assert.Null(result);
    }

    [Fact]
    public async Task InvokeAsync_RemainingMillisecondsWithAndWithoutTimeout_ReturnsNullableDouble()
    {
        // Arrange
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient(o => o.DefaultTimeout = Timeout.InfiniteTimeSpan);
        var withTimeout = new CallOptions { Codec = MessagePackRpcCodec.Default, Timeout = TimeSpan.FromSeconds(30) };

        // Act
        var remaining = await client.InvokeAsync<double?>("TestService", "RemainingMilliseconds", [], withTimeout).DefaultTimeout();
        var none = await client.InvokeAsync<double?>("TestService", "RemainingMilliseconds", [], MessagePack).DefaultTimeout();

        // Assert
        Assert.InRange(remaining!.Value, 1, 30_000);
        Assert.Null(none);
    }

    [Fact]
    public async Task InvokeAsync_UntypedResultInMessagePack_GivesNaturalValues()
    {
        // Arrange
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();

        // Act
        var record = await client.InvokeAsync("TestService", "EchoRecord", [new TestRecord(1, "n", [2.5])], MessagePack).DefaultTimeout();

        // Assert
        var map = Assert.IsType<Dictionary<string, object?>>(record);
        Assert.Equal(1L, map["Id"]);
        Assert.Equal("n", map["Name"]);
        Assert.Equal(new object?[] { 2.5 }, map["Values"]);
    }

    [Fact]
    public async Task InvokeAsync_JsonAndMessagePackOnOneConnection_EachAnsweredInItsCodec()
    {
        // Arrange
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();

        // Act
        var calls = Enumerable.Range(0, 20).Select(i => client.InvokeAsync<int>(
            "TestService", "Add", [i, 1000], i % 2 == 0 ? MessagePack : null)).ToArray();
        var sums = await Task.WhenAll(calls).DefaultTimeout();

        // Assert
        Assert.Equal(Enumerable.Range(1000, 20), sums);
    }

    [Fact]
    public async Task InvokeAsync_ArgumentOfWrongType_FailsWithInvalidArgument()
    {
        // Arrange
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync<int>("TestService", "Add", ["one", 2], MessagePack)).DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("expected int for Int32 but found str (at byte offset 1)", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_CodecTheServerLacks_FailsWithUnimplementedListingJsonAndMessagePack()
    {
        // Arrange
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();
        var options = new CallOptions { Codec = new UnknownCodec() };

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync<int>("TestService", "Add", [1, 2], options)).DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Equal("codec 3 is not supported by this server; it accepts 1 (json), 2 (msgpack)", error.Detail);
    }

    /// <summary>MessagePack on the wire under the Protobuf id, which a default server does not have.</summary>
    private sealed class UnknownCodec : RpcCodec
    {
        public override byte Id => CodecIds.Protobuf;

        public override string Name => "unknown";

        public override void Serialize(IBufferWriter<byte> output, object? value, Type type) =>
            MessagePackRpcCodec.Default.Serialize(output, value, type);

        public override object? Deserialize(ReadOnlySequence<byte> input, Type type) => MessagePackRpcCodec.Default.Deserialize(input, type);

        public override void SerializeArguments(IBufferWriter<byte> output, ReadOnlySpan<object?> arguments) =>
            MessagePackRpcCodec.Default.SerializeArguments(output, arguments);

        public override object?[] DeserializeArguments(ReadOnlySequence<byte> input, ReadOnlySpan<Type> parameterTypes) =>
            MessagePackRpcCodec.Default.DeserializeArguments(input, parameterTypes);
    }
}

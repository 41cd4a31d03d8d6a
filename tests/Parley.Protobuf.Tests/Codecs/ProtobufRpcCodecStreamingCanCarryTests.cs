using Parley.Contracts;
using Parley.Protobuf.Tests.Protos;
using Parley.Protobuf.Tests.TestSupport;

namespace Parley.Protobuf.Tests.Codecs;

/// <summary>Which streaming methods the protobuf codec accepts: gRPC's shapes, one message per stream item.</summary>
public sealed class ProtobufRpcCodecStreamingCanCarryTests
{
    private const string Shape = "the protobuf codec carries exactly one message in and one out";

    private readonly ProtobufRpcCodec _codec = ProtobufRpcCodec.Default;

    [Fact]
    public void CanCarry_ServerStreamingMessageInMessagesOut_IsTrue()
    {
        // Arrange: IAsyncEnumerable<Reading> Watch(WatchRequest request)
        var method = new RpcMethodDescriptor("Watch", [typeof(WatchRequest)], typeof(Reading), kind: RpcMethodKind.ServerStreaming);

        // Act
        var carried = _codec.CanCarry(method, out var reason);

        // Assert
        Assert.True(carried);
        Assert.Null(reason);
    }

    [Fact]
    public void CanCarry_ClientStreamingMessagesInMessageOut_IsTrue()
    {
        // Arrange: Task<Summary> Summarize(IAsyncEnumerable<Reading> readings)
        var method = new RpcMethodDescriptor(
            "Summarize", [], typeof(Summary), kind: RpcMethodKind.ClientStreaming, requestStreamType: typeof(Reading));

        // Act
        var carried = _codec.CanCarry(method, out var reason);

        // Assert
        Assert.True(carried);
        Assert.Null(reason);
    }

    [Fact]
    public void CanCarry_ClientStreamingReturningNothing_IsTrue()
    {
        // Arrange: Task Upload(IAsyncEnumerable<Reading> readings)
        var method = new RpcMethodDescriptor(
            "Upload", [], resultType: null, kind: RpcMethodKind.ClientStreaming, requestStreamType: typeof(Reading));

        // Act
        var carried = _codec.CanCarry(method, out var reason);

        // Assert
        Assert.True(carried);
        Assert.Null(reason);
    }

    [Fact]
    public void CanCarry_BidirectionalMessagesBothWays_IsTrue()
    {
        // Arrange: IAsyncEnumerable<Reading> Calibrate(IAsyncEnumerable<Reading> readings)
        var method = new RpcMethodDescriptor(
            "Calibrate", [], typeof(Reading), kind: RpcMethodKind.BidirectionalStreaming, requestStreamType: typeof(Reading));

        // Act
        var carried = _codec.CanCarry(method, out var reason);

        // Assert
        Assert.True(carried);
        Assert.Null(reason);
    }

    [Fact]
    public void CanCarry_ClientStreamingWithOneMessageArgument_IsTrue()
    {
        // Arrange: Task<Summary> SummarizeSince(WatchRequest since, IAsyncEnumerable<Reading> readings)
        var method = new RpcMethodDescriptor(
            "SummarizeSince", [typeof(WatchRequest)], typeof(Summary), kind: RpcMethodKind.ClientStreaming,
            requestStreamType: typeof(Reading));

        // Act
        var carried = _codec.CanCarry(method, out var reason);

        // Assert
        Assert.True(carried);
        Assert.Null(reason);
    }

    [Fact]
    public void CanBeCarriedBy_GeneratedTelemetryContract_IsTrue()
    {
        // Arrange
        Assert.True(RpcContracts.TryGet<ITelemetry>(out var contract));

        // Act
        var carried = contract!.Descriptor.CanBeCarriedBy(_codec, out var reason);

        // Assert
        Assert.True(carried);
        Assert.Null(reason);
    }

    [Fact]
    public void CanCarry_ServerStreamingOfLongs_IsFalseNamingTheItemType()
    {
        // Arrange: IAsyncEnumerable<long> Values(WatchRequest request)
        var method = new RpcMethodDescriptor("Values", [typeof(WatchRequest)], typeof(long), kind: RpcMethodKind.ServerStreaming);

        // Act
        var carried = _codec.CanCarry(method, out var reason);

        // Assert
        Assert.False(carried);
        Assert.Equal($"the response stream's item type (Int64) is not a protobuf message; {Shape}", reason);
    }

    [Fact]
    public void CanCarry_ClientStreamingOfLongs_IsFalseNamingTheItemType()
    {
        // Arrange: Task<Summary> Sum(IAsyncEnumerable<long> values)
        var method = new RpcMethodDescriptor(
            "Sum", [], typeof(Summary), kind: RpcMethodKind.ClientStreaming, requestStreamType: typeof(long));

        // Act
        var carried = _codec.CanCarry(method, out var reason);

        // Assert
        Assert.False(carried);
        Assert.Equal($"the request stream's item type (Int64) is not a protobuf message; {Shape}", reason);
    }

    [Fact]
    public void CanCarry_BidirectionalOfLongsIn_IsFalseNamingTheItemType()
    {
        // Arrange: IAsyncEnumerable<Reading> FromValues(IAsyncEnumerable<long> values)
        var method = new RpcMethodDescriptor(
            "FromValues", [], typeof(Reading), kind: RpcMethodKind.BidirectionalStreaming, requestStreamType: typeof(long));

        // Act
        var carried = _codec.CanCarry(method, out var reason);

        // Assert
        Assert.False(carried);
        Assert.Equal($"the request stream's item type (Int64) is not a protobuf message; {Shape}", reason);
    }

    [Fact]
    public void CanCarry_BidirectionalOfLongsOut_IsFalseNamingTheItemType()
    {
        // Arrange: IAsyncEnumerable<long> ToValues(IAsyncEnumerable<Reading> readings)
        var method = new RpcMethodDescriptor(
            "ToValues", [], typeof(long), kind: RpcMethodKind.BidirectionalStreaming, requestStreamType: typeof(Reading));

        // Act
        var carried = _codec.CanCarry(method, out var reason);

        // Assert
        Assert.False(carried);
        Assert.Equal($"the response stream's item type (Int64) is not a protobuf message; {Shape}", reason);
    }

    [Fact]
    public void CanCarry_ClientStreamingWithAnIntArgument_IsFalseNamingTheArgument()
    {
        // Arrange: Task<Summary> SummarizeSince(IAsyncEnumerable<Reading> readings, int since)
        var method = new RpcMethodDescriptor(
            "SummarizeSince", [typeof(int)], typeof(Summary), kind: RpcMethodKind.ClientStreaming, requestStreamType: typeof(Reading));

        // Act
        var carried = _codec.CanCarry(method, out var reason);

        // Assert
        Assert.False(carried);
        Assert.Equal($"argument 1 (Int32) is not a protobuf message; {Shape}", reason);
    }

    [Fact]
    public void CanCarry_ClientStreamingOfLongsBesideAMessageArgument_IsFalseNamingTheItemType()
    {
        // Arrange: Task<Summary> SumSince(WatchRequest since, IAsyncEnumerable<long> values)
        var method = new RpcMethodDescriptor(
            "SumSince", [typeof(WatchRequest)], typeof(Summary), kind: RpcMethodKind.ClientStreaming, requestStreamType: typeof(long));

        // Act
        var carried = _codec.CanCarry(method, out var reason);

        // Assert
        Assert.False(carried);
        Assert.Equal($"the request stream's item type (Int64) is not a protobuf message; {Shape}", reason);
    }

    [Fact]
    public void CanCarry_ServerStreamingWithNoArgument_IsFalseSuggestingEmpty()
    {
        // Arrange: IAsyncEnumerable<Reading> WatchAll(); it has no request stream to stand in for the argument.
        var method = new RpcMethodDescriptor("WatchAll", [], typeof(Reading), kind: RpcMethodKind.ServerStreaming);

        // Act
        var carried = _codec.CanCarry(method, out var reason);

        // Assert
        Assert.False(carried);
        Assert.StartsWith("the method takes no argument; ", reason, StringComparison.Ordinal);
        Assert.Contains("google.protobuf.Empty", reason, StringComparison.Ordinal);
    }
}

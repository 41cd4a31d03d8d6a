using Parley.Client;
using Parley.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Client;

public sealed class CallEdgeCaseTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private RpcClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Invoke_OnSingleThreadedSynchronizationContext_DoesNotDeadlock()
    {
        using var context = new SingleThreadSynchronizationContext();

        var sum = await context.RunAsync(() => _client.Invoke<int>("TestService", "Add", [3, 4])).DefaultTimeout();

        Assert.Equal(7, sum);
    }

    [Fact]
    public async Task InvokeAsync_TokenAlreadyCancelled_FailsWithoutSending()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => _client.InvokeAsync("TestService", "Record", ["never"], cancellationToken: cancelled.Token)).DefaultTimeout();

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(0, _client.Statistics.ConnectionsOpened);
    }

    [Fact]
    public async Task InvokeAsync_MoreMetadataEntriesThanServerAllows_FailsAloneWithResourceExhausted()
    {
        var metadata = new RpcMetadata();
        for (var i = 0; i < 70; i++)
        {
            metadata.Add($"k{i}", "v");
        }

        await _client.ConnectAsync().DefaultTimeout();
        await TaskTimeouts.WaitUntilAsync(() => _client.Statistics.ConnectionsOpened == 1, "connected");
        var error = await Assert.ThrowsAsync<RpcException>(
            () => _client.InvokeAsync("TestService", "Add", [1, 2], new CallOptions { Metadata = metadata })).DefaultTimeout();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("metadata entries", error.Detail, StringComparison.Ordinal);
        Assert.Equal(3, await _client.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout());
        Assert.Equal(1, _client.Statistics.ConnectionsOpened);
    }

    [Fact]
    public async Task InvokeAsync_RequestOverServersPayloadLimit_FailsAloneWithResourceExhausted()
    {
        await using var server = await TestServer.StartAsync(o => o.Limits.MaxPayloadBytes = 16 * 1024);
        await using var client = server.CreateClient();
        Assert.Equal(3, await client.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout());

        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync("TestService", "Echo", [new string('x', 20_000)])).DefaultTimeout();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("exceeds the server's limits", error.Detail, StringComparison.Ordinal);
        Assert.Equal("still fine", await client.InvokeAsync<string>("TestService", "Echo", ["still fine"]).DefaultTimeout());
        Assert.Equal(1, client.Statistics.ConnectionsOpened);
    }

    [Fact]
    public async Task InvokeAsync_ResultOverClientsPayloadLimit_FailsWithResourceExhaustedFromServer()
    {
        await using var client = _server.CreateClient(o => o.Limits.MaxPayloadBytes = 16 * 1024);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "GetBytes", [100_000])).DefaultTimeout();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("over the client's limit", error.Detail, StringComparison.Ordinal);
        Assert.Equal(3, await client.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout());
    }

    [Fact]
    public async Task InvokeAsync_TimeoutBeyondWhatTheWireCarries_MeansNoDeadline()
    {
        var options = new CallOptions { Timeout = TimeSpan.FromDays(100) };

        var remaining = await _client.InvokeAsync<double?>("TestService", "RemainingMilliseconds", [], options).DefaultTimeout();

        Assert.Null(remaining);
    }

    [Fact]
    public async Task Call_HandlerThrowsRpcExceptionWithOk_FailsWithInternal()
    {
        var error = await Assert.ThrowsAsync<RpcException>(
            () => _client.InvokeAsync("TestService", "FailWith", [StatusCode.Ok, "not really ok"])).DefaultTimeout();

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public void Metadata_ReservedKey_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new RpcMetadata().Add(RpcMetadata.ServiceKey, "Other"));

        Assert.Contains("reserved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_MetadataValueTooLongToEncode_FailsWithInvalidArgument()
    {
        var options = new CallOptions { Metadata = new RpcMetadata().Add("big", new string('x', 70_000)) };

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.InvokeAsync("TestService", "Add", [1, 2], options)).DefaultTimeout();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("metadata cannot be sent", error.Detail, StringComparison.Ordinal);
        Assert.Equal(3, await _client.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout());
    }
}

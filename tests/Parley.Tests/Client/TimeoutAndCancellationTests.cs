using Parley.Protocol;
using Parley.Client;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Client;

public sealed class TimeoutAndCancellationTests
{
    [Theory]
    [InlineData(TestTransport.Tcp)]
    [InlineData(TestTransport.InMemory)]
    public async Task InvokeAsync_HandlerSlowerThanTimeout_FailsWithDeadlineExceededAndCancelsHandler(TestTransport transport)
    {
        await using var server = await TestServer.StartAsync(transport);
        await using var client = server.CreateClient();
        var options = new CallOptions { Timeout = TimeSpan.FromMilliseconds(200) };

        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync("TestService", "Block", ["timeout"], options)).DefaultTimeout();

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await server.Service.Probe("timeout").Cancelled.Task.DefaultTimeout();
    }

    [Fact]
    public async Task InvokeAsync_DeadlineInThePast_FailsAtOnce()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();
        var options = new CallOptions { Deadline = DateTimeOffset.UtcNow.AddSeconds(-1) };

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 2], options)).DefaultTimeout();

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(0, client.Statistics.ConnectionsOpened);
    }

    [Fact]
    public async Task InvokeAsync_DeadlineEarlierThanTimeout_DeadlineWins()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();
        var options = new CallOptions { Timeout = TimeSpan.FromMinutes(5), Deadline = DateTimeOffset.UtcNow.AddSeconds(10) };

        var remaining = await client.InvokeAsync<double?>("TestService", "RemainingMilliseconds", [], options).DefaultTimeout();

        Assert.InRange(remaining!.Value, 1_000, 10_000);
    }

    [Theory]
    [InlineData(TestTransport.Tcp)]
    [InlineData(TestTransport.InMemory)]
    public async Task InvokeAsync_CallerCancels_FailsWithCancelledAndHandlerTokenFires(TestTransport transport)
    {
        await using var server = await TestServer.StartAsync(transport);
        await using var client = server.CreateClient();
        using var cancel = new CancellationTokenSource();
        var call = client.InvokeAsync("TestService", "Block", ["cancel-frame"], cancellationToken: cancel.Token);
        await server.Service.Probe("cancel-frame").Started.Task.DefaultTimeout();

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await server.Service.Probe("cancel-frame").Cancelled.Task.DefaultTimeout();
        await TaskTimeouts.WaitUntilAsync(() => server.Server.Statistics.ActiveCalls == 0, "the server call has ended");
    }

    [Fact]
    public async Task Server_RequestWithTimeoutAndNoCancel_EnforcesDeadlineItself()
    {
        // A raw peer sends a :timeout but never a CANCEL: only the server's own deadline can end the call.
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();

        await peer.SendRequestAsync(1, "TestService", "Block", "[\"server-deadline\"]", timeoutMs: 150);

        var response = await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout();
        Assert.Equal(StatusCode.DeadlineExceeded, response.Header.Status);
        Assert.Equal(1UL, response.Header.RequestId);
        await server.Service.Probe("server-deadline").Cancelled.Task.DefaultTimeout();
    }

    [Fact]
    public async Task InvokeAsync_ResponseAfterTimeout_IsDroppedAndCounted()
    {
        // A scripted server answers only after the caller has given up.
        using var scripted = new ScriptedServer();
        await using var client = new RpcClient(scripted.EndPoint);
        var call = client.InvokeAsync("Svc", "Slow", [], new CallOptions { Timeout = TimeSpan.FromMilliseconds(300) });
        await using var peer = await scripted.AcceptAsync();
        var request = await peer.ReadFrameAsync(FrameType.Request).DefaultTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        var cancel = await peer.ReadFrameAsync(FrameType.Cancel).DefaultTimeout();
        await peer.SendFrameAsync(FrameType.Response, request.Header.RequestId, payload: "42"u8.ToArray(), codec: 1);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(request.Header.RequestId, cancel.Header.RequestId);
        await TaskTimeouts.WaitUntilAsync(() => client.Statistics.LateResponses == 1, "the late response is counted");
        Assert.Equal(0, client.Statistics.PendingCalls);
    }
}

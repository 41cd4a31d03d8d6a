using System.Net;
using Parley.Client;
using Parley.Tests.TestSupport;
using Parley.Transport;

namespace Parley.Tests.Client;

public sealed class ConnectionFailureTests
{
    [Fact]
    public async Task PendingCalls_ServerHostDiesMidCall_AllFailWithUnavailablePromptly()
    {
        await using var server = await TestServer.StartAsync();
        await using var proxy = TcpFaultProxy.Start(server.EndPoint);
        await using var client = new RpcClient(proxy.EndPoint);
        var options = new CallOptions { Timeout = TimeSpan.FromMinutes(5) };
        var calls = Enumerable.Range(0, 50)
            .Select(i => client.InvokeAsync("TestService", "Block", [$"dies-{i}"], options))
            .ToArray();
        for (var i = 0; i < calls.Length; i++)
        {
            await server.Service.Probe($"dies-{i}").Started.Task.DefaultTimeout();
        }

        proxy.ResetAll();

        foreach (var call in calls)
        {
            // Each fails with the connection, long before its five-minute timeout.
            var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        }

        Assert.Equal(0, client.Statistics.PendingCalls);
        await server.Service.Probe("dies-0").Cancelled.Task.DefaultTimeout();
    }

    [Theory]
    [InlineData(TestTransport.Tcp)]
    [InlineData(TestTransport.InMemory)]
    public async Task PendingCalls_ServerStopsWithoutDrain_FailWithUnavailable(TestTransport transport)
    {
        var server = await TestServer.StartAsync(transport);
        await using var client = server.CreateClient();
        var call = client.InvokeAsync("TestService", "Block", ["stop-now"], new CallOptions { Timeout = TimeSpan.FromMinutes(5) });
        await server.Service.Probe("stop-now").Started.Task.DefaultTimeout();

        await server.Server.StopAsync(TimeSpan.Zero).DefaultTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        await server.Service.Probe("stop-now").Cancelled.Task.DefaultTimeout();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Call_NoServerListening_FailsWithUnavailableNamingTheCause()
    {
        var port = FreePort();
        await using var client = RpcClient.Create($"tcp://127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 2])).DefaultTimeout();

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("refused", error.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Call_AfterServerRestartsOnSamePort_ReconnectsAndSucceeds()
    {
        var first = await TestServer.StartAsync();
        var port = first.EndPoint.Port;
        await using var client = first.CreateClient(o => o.ReconnectInitialBackoff = TimeSpan.FromMilliseconds(20));
        Assert.Equal(3, await client.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout());

        await first.DisposeAsync();
        var whileDown = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 2])).DefaultTimeout();
        await using var second = await TestServer.StartAsync(port: port);
        var options = new CallOptions { WaitForReady = true, Timeout = TimeSpan.FromSeconds(10) };
        var afterRestart = await client.InvokeAsync<int>("TestService", "Add", [2, 3], options).DefaultTimeout();

        Assert.Equal(StatusCode.Unavailable, whileDown.StatusCode);
        Assert.Equal(5, afterRestart);
        Assert.Equal(2, client.Statistics.ConnectionsOpened);
    }

    [Fact]
    public async Task Call_WaitForReadyAndServerNeverComes_FailsWithDeadlineExceeded()
    {
        await using var client = RpcClient.Create($"tcp://127.0.0.1:{FreePort()}");
        var options = new CallOptions { WaitForReady = true, Timeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 2], options)).DefaultTimeout();

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Connect_PeerNeverAnswers_FailsAfterConnectTimeout()
    {
        var options = new RpcClientOptions { ConnectTimeout = TimeSpan.FromMilliseconds(200) };
        await using var client = new RpcClient(new IPEndPoint(IPAddress.Loopback, 9), options, new NeverConnects());

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 2])).DefaultTimeout();

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("connect timed out after 200 ms", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestTransport.Tcp)]
    [InlineData(TestTransport.InMemory)]
    public async Task DisposeAsync_CallsInFlight_FailWithCancelled(TestTransport transport)
    {
        await using var server = await TestServer.StartAsync(transport);
        var client = server.CreateClient();
        var call = client.InvokeAsync("TestService", "Block", ["client-dispose"]);
        await server.Service.Probe("client-dispose").Started.Task.DefaultTimeout();

        await client.DisposeAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await server.Service.Probe("client-dispose").Cancelled.Task.DefaultTimeout();
    }

    [Fact]
    public async Task Reconnect_ServerAcceptsAndDropsAtOnce_BacksOffInsteadOfLooping()
    {
        using var scripted = new ScriptedServer();
        var options = new RpcClientOptions
        {
            ReconnectInitialBackoff = TimeSpan.FromMilliseconds(200),
            ReconnectMaxBackoff = TimeSpan.FromSeconds(5),
        };
        await using var client = new RpcClient(scripted.EndPoint, options);
        await client.ConnectAsync().DefaultTimeout();
        var accepted = 0;
        var started = DateTime.UtcNow;

        // Accept and drop every connection for one second: with backoff (200, 400, 800 ms...) only a few arrive.
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(1))
        {
            var accept = scripted.AcceptAsync();
            if (await Task.WhenAny(accept, Task.Delay(TimeSpan.FromSeconds(1))) != accept)
            {
                break;
            }

            accepted++;
            await (await accept).DisposeAsync();
        }

        Assert.InRange(accepted, 1, 6);
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork,
            System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private sealed class NeverConnects : ITransportConnector
    {
        public async ValueTask<ITransportConnection> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}

using System.Diagnostics;
using Parley.Client;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Cluster;

public sealed class TcpFaultProxyTests : IAsyncLifetime
{
    private static readonly CallOptions Brief = new() { Timeout = TimeSpan.FromMilliseconds(500) };
    private static readonly CallOptions Patient = new() { Timeout = TimeSpan.FromSeconds(10), WaitForReady = true };

    private TestServer _server = null!;
    private TcpFaultProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _proxy = TcpFaultProxy.Start(_server.EndPoint);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Delay_EachDirection_CallSucceedsAndTakesAtLeastTheDelayBothWays()
    {
        await using var client = NewClient();
        await AddAsync(client).DefaultTimeout(); // connected before the delay, so only the call's round trip is timed
        _proxy.Delay = TimeSpan.FromMilliseconds(100);

        var stopwatch = Stopwatch.StartNew();
        var sum = await AddAsync(client).DefaultTimeout();

        Assert.Equal(3, sum);
        // A floor, which noise cannot break (it only adds); below twice the delay by a margin for timer granularity.
        Assert.True(stopwatch.Elapsed >= 1.5 * _proxy.Delay, $"the call took {stopwatch.Elapsed}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Blackhole_OpenOrNewConnection_CallRunsIntoItsDeadlineThenSucceedsWhenLifted(bool connectedBefore)
    {
        await using var client = NewClient();
        if (connectedBefore)
        {
            await AddAsync(client).DefaultTimeout();
        }

        _proxy.Blackhole = true; // a new connection is accepted, but its handshake goes unanswered
        var held = await Assert.ThrowsAsync<RpcException>(() => AddAsync(client, Brief)).DefaultTimeout();
        _proxy.Blackhole = false;
        var lifted = await AddAsync(client, Patient).DefaultTimeout();

        Assert.Equal(StatusCode.DeadlineExceeded, held.StatusCode);
        Assert.Equal(3, lifted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public async Task Slice_SmallAndLargePayloads_ArriveWhole(int sliceBytes)
    {
        _proxy.SliceBytes = sliceBytes;
        await using var client = NewClient();
        var length = sliceBytes == 1 ? 16 : 100_000; // one byte at a time is slow: a header and a short body make the point

        var echoed = await client.InvokeAsync<string>("TestService", "Echo", [new string('x', length)]).DefaultTimeout();
        var bytes = await client.InvokeAsync<byte[]>("TestService", "GetBytes", [length]).DefaultTimeout();

        Assert.Equal(length, echoed.Length);
        Assert.Equal(length, bytes.Length);
    }

    [Fact]
    public async Task RefuseNew_NewConnectionsFailButOpenOnesCarryOn()
    {
        await using var open = NewClient();
        await AddAsync(open).DefaultTimeout();

        _proxy.RefuseNew = true;
        await using var fresh = NewClient();
        var refused = await Assert.ThrowsAsync<RpcException>(() => AddAsync(fresh)).DefaultTimeout();
        var carriedOn = await AddAsync(open).DefaultTimeout();
        _proxy.RefuseNew = false;
        var accepted = await AddAsync(fresh, Patient).DefaultTimeout();

        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Equal((3, 3), (carriedOn, accepted));
    }

    [Fact]
    public async Task ResetAll_OpenConnection_FailsTheCallInFlightWithUnavailable()
    {
        await using var client = NewClient();
        var block = client.InvokeAsync("TestService", "Block", ["reset"], new CallOptions { Timeout = TimeSpan.FromMinutes(5) });
        await _server.Service.Probe("reset").Started.Task.DefaultTimeout();

        _proxy.ResetAll();

        var error = await Assert.ThrowsAsync<RpcException>(() => block).DefaultTimeout();
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private RpcClient NewClient() =>
        new(_proxy.EndPoint, new RpcClientOptions { ReconnectInitialBackoff = TimeSpan.FromMilliseconds(20) });

    private static Task<int> AddAsync(RpcClient client, CallOptions? options = null) =>
        client.InvokeAsync<int>("TestService", "Add", [1, 2], options);
}

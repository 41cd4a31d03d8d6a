using Parley.Tests.TestSupport;

namespace Parley.Tests.Client;

public sealed class ConcurrencyTests
{
    [Theory]
    [InlineData(TestTransport.Tcp)]
    [InlineData(TestTransport.InMemory)]
    public async Task InvokeAsync_1000ConcurrentCallsOnOneConnection_EachCallerGetsItsOwnResult(TestTransport transport)
    {
        await using var server = await TestServer.StartAsync(transport);
        await using var client = server.CreateClient();
        await client.ConnectAsync().DefaultTimeout();

        var calls = Enumerable.Range(0, 1000)
            .Select(i => client.InvokeAsync<string>("TestService", "Echo", [$"caller-{i}"]))
            .ToArray();
        var results = await Task.WhenAll(calls).DefaultTimeout();

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal($"caller-{i}", results[i]);
        }

        Assert.Equal(1, client.Statistics.ConnectionsOpened);
        Assert.Equal(1, server.Server.Statistics.Connections);
        Assert.Equal(0, client.Statistics.PendingCalls);
    }

    [Fact]
    public async Task InvokeAsync_ManyThreadsMixingMethods_AllResultsMatch()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                var sum = await client.InvokeAsync<int>("TestService", "Add", [worker, i]);
                Assert.Equal(worker + i, sum);
                var product = await client.InvokeAsync<int>("TestService", "Multiply", [worker, i]);
                Assert.Equal(worker * i, product);
            }
        }));

        await Task.WhenAll(workers).DefaultTimeout();
        Assert.Equal(1, client.Statistics.ConnectionsOpened);
    }

    [Theory]
    [InlineData(TestTransport.Tcp)]
    [InlineData(TestTransport.InMemory)]
    public async Task InvokeAsync_MoreThanMaxPendingCalls_FailsFastWithResourceExhausted(TestTransport transport)
    {
        await using var server = await TestServer.StartAsync(transport);
        await using var client = server.CreateClient(o => o.MaxPendingCalls = 2);
        using var cancel = new CancellationTokenSource();
        var first = client.InvokeAsync("TestService", "Block", ["cap-1"], cancellationToken: cancel.Token);
        var second = client.InvokeAsync("TestService", "Block", ["cap-2"], cancellationToken: cancel.Token);
        await server.Service.Probe("cap-1").Started.Task.DefaultTimeout();
        await server.Service.Probe("cap-2").Started.Task.DefaultTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 2])).DefaultTimeout();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("MaxPendingCalls", error.Detail, StringComparison.Ordinal);
        await cancel.CancelAsync();
        await Assert.ThrowsAsync<RpcException>(() => first).DefaultTimeout();
        await Assert.ThrowsAsync<RpcException>(() => second).DefaultTimeout();
        Assert.Equal(3, await client.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout());
    }

    [Fact]
    public async Task Server_MoreThanMaxConcurrentCallsPerConnection_AnswersResourceExhausted()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxConcurrentCallsPerConnection = 1);
        await using var client = server.CreateClient();
        using var cancel = new CancellationTokenSource();
        var blocked = client.InvokeAsync("TestService", "Block", ["server-cap"], cancellationToken: cancel.Token);
        await server.Service.Probe("server-cap").Started.Task.DefaultTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 2])).DefaultTimeout();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await cancel.CancelAsync();
        await Assert.ThrowsAsync<RpcException>(() => blocked).DefaultTimeout();
    }
}

using Parley.Client;
using Parley.ClusterNode;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Cluster;

public sealed class ClusterNodeProcessTests
{
    [Fact]
    public async Task Count_AfterOneCallOfEachMethod_CountsAllButItself()
    {
        await using var node = await ClusterNodeProcess.StartAsync("n");
        await using var client = node.CreateClient();
        var service = client.GetService<INodeService>();

        var answers = new[]
        {
            await service.WhoAmIAsync().DefaultTimeout(),
            await service.WorkAsync(1, default).DefaultTimeout(),
            await service.RecordAsync(1, default).DefaultTimeout(),
        };
        var first = await service.CountAsync().DefaultTimeout();
        var second = await service.CountAsync().DefaultTimeout();

        Assert.Equal(["n", "n", "n"], answers);
        Assert.Equal((3, 3), (first, second));
    }

    [Fact]
    public async Task Kill_DuringRecord_FailsTheCallWithUnavailableAndLaterCallsFail()
    {
        await using var host = NetworkNamespace.Create();
        await using var node = await ClusterNodeProcess.StartAsync("a", host);
        await using var client = node.CreateClient();
        var service = client.GetService<INodeService>();
        var record = service.RecordAsync(600_000, default);
        await TaskTimeouts.WaitUntilAsync(async () => await service.CountAsync() == 1, "the record call reached the node");

        node.Kill();

        var inFlight = await Assert.ThrowsAsync<RpcException>(() => record).DefaultTimeout();
        var later = await Assert.ThrowsAsync<RpcException>(
            () => client.GetService<INodeService>(new CallOptions { Timeout = TimeSpan.FromSeconds(2) }).WhoAmIAsync()).DefaultTimeout();
        Assert.Equal(StatusCode.Unavailable, inFlight.StatusCode);
        Assert.Contains(later.StatusCode, new[] { StatusCode.Unavailable, StatusCode.DeadlineExceeded });
    }

    [Fact]
    public async Task StopAsync_DuringWork_FinishesTheCallAndExitsZero()
    {
        await using var node = await ClusterNodeProcess.StartAsync("a");
        await using var client = node.CreateClient();
        var service = client.GetService<INodeService>();
        var work = service.WorkAsync(300, default);
        await TaskTimeouts.WaitUntilAsync(async () => await service.CountAsync() == 1, "the work call reached the node");

        var exitCode = await node.StopAsync().DefaultTimeout();

        Assert.Equal("a", await work.DefaultTimeout());
        Assert.True(exitCode == 0, node.Stderr);
    }

    [Fact]
    public async Task Node_StandardInputClosed_StopsAndExitsZero()
    {
        await using var node = ChildProcess.StartDotnet(ClusterNodeProcess.DllPath, "--id", "a", "--listen", "127.0.0.1:0");
        await node.WaitForLineAsync(line => line.StartsWith("listening ", StringComparison.Ordinal)).DefaultTimeout();

        node.CloseInput();

        Assert.Equal(0, await node.WaitForExitAsync().DefaultTimeout());
    }

    [Fact]
    public async Task StartAsync_TakenPort_FailsWithTheNodesError()
    {
        await using var first = await ClusterNodeProcess.StartAsync("first");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ClusterNodeProcess.StartAsync("second", port: first.EndPoint.Port)).DefaultTimeout();

        Assert.Contains("second", error.Message, StringComparison.Ordinal);
        Assert.Contains("in use", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}

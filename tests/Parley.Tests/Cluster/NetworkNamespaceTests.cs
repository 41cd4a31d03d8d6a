using System.Diagnostics;
using System.Globalization;
using Parley.Client;
using Parley.ClusterNode;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Cluster;

public sealed class NetworkNamespaceTests
{
    [Fact]
    public async Task Node_InItsOwnNamespace_AnswersAtTheNamespaceAddress()
    {
        await using var host = NetworkNamespace.Create();
        await using var node = await ClusterNodeProcess.StartAsync("a", host);
        await using var client = node.CreateClient();

        var id = await client.GetService<INodeService>().WhoAmIAsync().DefaultTimeout();

        Assert.Equal("a", id);
        Assert.Equal(host.Address, node.EndPoint.Address);
        Assert.NotEqual(host.HostAddress, host.Address);
    }

    [Fact]
    public async Task Nodes_InTwoNamespaces_EachAnswerWithItsOwnId()
    {
        await using var hostA = NetworkNamespace.Create();
        await using var hostB = NetworkNamespace.Create();
        await using var nodeA = await ClusterNodeProcess.StartAsync("a", hostA);
        await using var nodeB = await ClusterNodeProcess.StartAsync("b", hostB);
        await using var clientA = nodeA.CreateClient();
        await using var clientB = nodeB.CreateClient();

        var idA = await clientA.GetService<INodeService>().WhoAmIAsync().DefaultTimeout();
        var idB = await clientB.GetService<INodeService>().WhoAmIAsync().DefaultTimeout();

        Assert.Equal(("a", "b"), (idA, idB));
        Assert.NotEqual(hostA.Address, hostB.Address);
    }

    [Fact]
    public async Task Partition_CallsTimeOutUntilHealedThenSucceedAgain()
    {
        await using var host = NetworkNamespace.Create();
        await using var node = await ClusterNodeProcess.StartAsync("a", host);
        await using var client = node.CreateClient();
        await client.GetService<INodeService>().WhoAmIAsync().DefaultTimeout();

        host.Partition();
        var cutOff = await Assert.ThrowsAsync<RpcException>(() => Briefly(client).WorkAsync(0, default)).DefaultTimeout();
        host.Heal();
        var healed = await Patiently(client).WorkAsync(0, default).DefaultTimeout();

        Assert.Equal(StatusCode.DeadlineExceeded, cutOff.StatusCode);
        Assert.Equal("a", healed);
        Assert.False(host.IsPartitioned);
    }

    [Fact]
    public async Task Partition_NewConnection_TimesOutUntilHealed()
    {
        await using var host = NetworkNamespace.Create();
        await using var node = await ClusterNodeProcess.StartAsync("a", host);
        host.Partition();
        await using var client = node.CreateClient(o => o.ReconnectInitialBackoff = TimeSpan.FromMilliseconds(20));

        var cutOff = await Assert.ThrowsAsync<RpcException>(() => Briefly(client).WhoAmIAsync()).DefaultTimeout();
        host.Heal();
        var healed = await Patiently(client).WorkAsync(0, default).DefaultTimeout();

        // The SYN goes unanswered (not refused, not unreachable): the call runs into its deadline.
        Assert.Equal(StatusCode.DeadlineExceeded, cutOff.StatusCode);
        Assert.Equal("a", healed);
    }

    [Fact]
    public async Task Dispose_KillsItsProcessesAndDeletesTheNamespaceAndVeth()
    {
        await using var host = NetworkNamespace.Create();
        var process = host.StartProcess(new ProcessStartInfo("sleep", ["600"]));
        var pid = process.Id;

        await host.DisposeAsync().DefaultTimeout();

        Assert.DoesNotContain(host.Name, Ip("netns", "list"), StringComparison.Ordinal);
        Assert.DoesNotContain(host.HostAddress + "/30", Ip("-o", "-4", "addr", "show"), StringComparison.Ordinal);
        Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} still runs");
    }

    [Fact]
    public async Task RemoveStale_NamespaceOfAProcessThatIsGone_IsDeleted()
    {
        using var gone = Process.Start("true")!;
        await gone.WaitForExitAsync().DefaultTimeout();
        var stale = string.Create(CultureInfo.InvariantCulture, $"{NetworkNamespace.NamePrefix}{gone.Id}-1");
        var ours = string.Create(CultureInfo.InvariantCulture, $"{NetworkNamespace.NamePrefix}{Environment.ProcessId}-999999");
        Ip("netns", "add", stale);
        Ip("netns", "add", ours);
        try
        {
            NetworkNamespace.RemoveStale();

            var left = Ip("netns", "list");
            Assert.DoesNotContain(stale + " ", left + " ", StringComparison.Ordinal);
            Assert.Contains(ours, left, StringComparison.Ordinal); // its process is alive: this one
        }
        finally
        {
            Ip("netns", "del", ours);
        }
    }

    // Short enough to keep the test quick: what matters is that the call cannot get through, not how long it tried.
    private static INodeService Briefly(RpcClient client) =>
        client.GetService<INodeService>(new CallOptions { Timeout = TimeSpan.FromMilliseconds(500) });

    // Waits out the client's reconnect backoff after a heal instead of failing fast.
    private static INodeService Patiently(RpcClient client) =>
        client.GetService<INodeService>(new CallOptions { Timeout = TimeSpan.FromSeconds(10), WaitForReady = true });

    private static string Ip(params string[] arguments)
    {
        var start = new ProcessStartInfo("ip", arguments) { RedirectStandardOutput = true };
        using var ip = Process.Start(start)!;
        var output = ip.StandardOutput.ReadToEnd();
        ip.WaitForExit();
        return output;
    }
}

using System.Net;
using Parley.Client;

namespace Parley.Tests.TestSupport;

/// <summary>
/// One node of a test cluster: the Parley.ClusterNode program serving <c>INodeService</c> as its own process, in a
/// <see cref="NetworkNamespace"/> (listening on its address) or in the test's own network (on 127.0.0.1).
/// </summary>
public sealed class ClusterNodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    private ClusterNodeProcess(string id, ChildProcess process, IPEndPoint endPoint)
    {
        Id = id;
        _process = process;
        EndPoint = endPoint;
    }

    public string Id { get; }

    /// <summary>Where the node listens (the real port when it was started with port 0).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>What the node wrote to standard error: the reason when it failed.</summary>
    public string Stderr => _process.Stderr;

    /// <summary>
    /// The node program's build output: beside the test assembly (it is a project reference) or else in its own bin folder.
    /// </summary>
    public static string DllPath
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "Parley.ClusterNode.dll");
            return File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json"))
                ? beside
                : BuildOutput.Dll(Path.Combine("tests", "Parley.ClusterNode"), "Parley.ClusterNode");
        }
    }

    /// <summary>
    /// Starts node <paramref name="id"/> listening on <paramref name="port"/> (0: a free one) and waits until it listens.
    /// </summary>
    /// <exception cref="InvalidOperationException">The node exited or did not listen within a minute (with its output).</exception>
    public static async Task<ClusterNodeProcess> StartAsync(string id, NetworkNamespace? network = null, int port = 0)
    {
        var listen = new IPEndPoint(network?.Address ?? IPAddress.Loopback, port);
        var start = ChildProcess.DotnetStartInfo(DllPath, ["--id", id, "--listen", listen.ToString()]);
        var process = network is null ? ChildProcess.Start(start) : network.StartProcess(start);
        try
        {
            var line = await process.WaitForLineAsync(l => l.StartsWith("listening ", StringComparison.Ordinal)).WaitAsync(StartTimeout);
            return new ClusterNodeProcess(id, process, IPEndPoint.Parse(line["listening ".Length..]));
        }
        catch (Exception ex)
        {
            await process.DisposeAsync();
            throw new InvalidOperationException($"Cluster node {id} did not start listening on {listen}: {ex.Message}\n{process.Output}", ex);
        }
    }

    /// <summary>A client for this node; the caller disposes it.</summary>
    public RpcClient CreateClient(Action<RpcClientOptions>? configure = null)
    {
        var options = new RpcClientOptions();
        configure?.Invoke(options);
        return new RpcClient(EndPoint, options);
    }

    /// <summary>SIGKILL: the node dies at once, as in a crash; returns once it is gone.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM: the node stops gracefully (finishing calls in flight); returns its exit code.</summary>
    public Task<int> StopAsync()
    {
        _process.Terminate();
        return _process.WaitForExitAsync();
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

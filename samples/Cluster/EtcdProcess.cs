using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ClusterSample;

/// <summary>
/// A private etcd for the sample: the installed binary (Debian's etcd-server), on free loopback ports, with its data
/// in a temporary folder that is deleted when it stops.
/// </summary>
public sealed class EtcdProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private EtcdProcess(Process process, string dataDirectory, Uri clientUrl)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        ClientUrl = clientUrl;
    }

    public Uri ClientUrl { get; }

    /// <summary>Starts etcd and waits until it reports healthy.</summary>
    /// <exception cref="FileNotFoundException">etcd is not installed.</exception>
    public static async Task<EtcdProcess> StartAsync()
    {
        var binary = FindBinary() ?? throw new FileNotFoundException(
            "etcd is not installed: run scripts/bootstrap.sh (it installs Debian's etcd-server), or put etcd on PATH.");
        var dataDirectory = Directory.CreateTempSubdirectory("parley-cluster-etcd-").FullName;
        var client = $"http://127.0.0.1:{FreePort()}";
        var peer = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--name", "cluster-sample", "--data-dir", dataDirectory,
            "--listen-client-urls", client, "--advertise-client-urls", client,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", "cluster-sample=" + peer,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { }; // etcd logs a lot; drained so that it never blocks on a full pipe
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var etcd = new EtcdProcess(process, dataDirectory, new Uri(client));
        await etcd.WaitUntilHealthyAsync();
        return etcd;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await http.GetStringAsync(new Uri(ClientUrl, "health"))).Contains("\"true\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        await DisposeAsync();
        throw new InvalidOperationException($"etcd did not become healthy at {ClientUrl}.");
    }

    private static string? FindBinary()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator).Append("/usr/bin")
            .Select(folder => Path.Combine(folder, "etcd"))
            .FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

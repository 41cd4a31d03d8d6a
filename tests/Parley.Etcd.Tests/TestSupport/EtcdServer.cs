using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parley.Etcd.Tests.TestSupport;

/// <summary>
/// A real etcd (Debian's etcd-server) in a temporary data directory, its client and peer URLs on free loopback ports.
/// It can be stopped and started again on the same directory and ports, killed, and started with its data wiped.
/// Disposing kills it and deletes the directory.
/// </summary>
public sealed class EtcdServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/etcd";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parley-etcd-" + Guid.NewGuid().ToString("N"));
    private readonly int _clientPort;
    private readonly int _peerPort;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private EtcdServer()
    {
        (_clientPort, _peerPort) = (FreePort(), FreePort());
        while (_peerPort == _clientPort)
        {
            _peerPort = FreePort();
        }
    }

    /// <summary>Where clients reach it: <c>http://127.0.0.1:port</c>.</summary>
    public Uri ClientUrl => new($"http://127.0.0.1:{_clientPort}");

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Starts a new etcd and waits until it answers.</summary>
    /// <exception cref="InvalidOperationException">etcd is not installed, or did not start.</exception>
    public static async Task<EtcdServer> LaunchAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"The etcd tests need a real etcd, and {Binary} does not exist: run scripts/bootstrap.sh, which installs Debian's etcd-server.");
        }

        var server = new EtcdServer();
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts etcd (again) on the same data directory and ports and waits until it answers.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("etcd is already running.");
        }

        Directory.CreateDirectory(_directory);
        var client = $"http://127.0.0.1:{_clientPort}";
        var peer = $"http://127.0.0.1:{_peerPort}";
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--name", "parley-test", "--data-dir", DataDirectory,
            "--listen-client-urls", client, "--advertise-client-urls", client,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--initial-cluster", "parley-test=" + peer,
            "--logger", "zap", "--log-level", "warn",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilHealthyAsync(process);
    }

    /// <summary>Stops etcd the way a service manager does (SIGTERM) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } }))
        {
            await kill!.WaitForExitAsync();
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Kills etcd at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Deletes etcd's data (while it is not running): the next start is a new, empty cluster.</summary>
    public void WipeData()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("Stop etcd before wiping its data.");
        }

        Directory.Delete(DataDirectory, recursive: true);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task WaitUntilHealthyAsync(Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"etcd exited with code {process.ExitCode} while starting:{Environment.NewLine}{Output()}");
            }

            try
            {
                var health = await http.GetStringAsync(new Uri(ClientUrl, "health"));
                if (health.Contains("\"true\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"etcd did not become healthy within {StartTimeout}:{Environment.NewLine}{Output()}");
            }

            await Task.Delay(50);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 100)
        {
            _output.TryDequeue(out _);
        }
    }

    private string Output() => string.Join(Environment.NewLine, _output);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

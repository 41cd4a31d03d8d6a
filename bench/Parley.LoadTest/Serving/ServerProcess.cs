using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Parley.LoadTest.Serving;

/// <summary>
/// The load process's handle on a server process: <c>dotnet &lt;this dll&gt; serve --system NAME</c>, started as a
/// child with the same GC settings (and <c>DOTNET_PROCESSOR_COUNT</c> when <c>--cpus</c> is given), asked for its
/// counters over its stdin and stdout (see <see cref="ServeCommand"/>).
/// </summary>
/// <remarks>Not thread-safe: one control exchange at a time, from the run's single orchestrating flow.</remarks>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly Queue<string> _stderrTail;

    private ServerProcess(Process process, Queue<string> stderrTail, IPEndPoint endPoint, string gcMode, int processorCount)
    {
        _process = process;
        _stderrTail = stderrTail;
        EndPoint = endPoint;
        GcMode = gcMode;
        ProcessorCount = processorCount;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>The server process's GC mode as it reported it (see <see cref="RuntimeFacts.GcMode"/>).</summary>
    public string GcMode { get; }

    /// <summary>The server process's <see cref="Environment.ProcessorCount"/>.</summary>
    public int ProcessorCount { get; }

    /// <summary>Whether the server process has ended (it crashed, or was stopped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the server process for <paramref name="system"/> and waits for its <c>ready</c> line.</summary>
    /// <exception cref="InvalidOperationException">The process could not start the system's server; the message says why.</exception>
    public static async Task<ServerProcess> StartAsync(string system, int? cpus, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--system");
        start.ArgumentList.Add(system);
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_gcConcurrent"] = "1";
        if (cpus is { } count)
        {
            start.Environment["DOTNET_PROCESSOR_COUNT"] = count.ToString(CultureInfo.InvariantCulture);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the server process did not start");
        var tail = new Queue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(e.Data);
                if (tail.Count > 20)
                {
                    tail.Dequeue();
                }
            }
        };
        process.BeginErrorReadLine();

        string? line;
        try
        {
            line = await ReadReplyAsync(process, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            line = null;
        }

        if (line is null || !line.StartsWith("ready ", StringComparison.Ordinal))
        {
            await KillAsync(process);
            string detail;
            lock (tail)
            {
                detail = line is { } error && error.StartsWith("error ", StringComparison.Ordinal)
                    ? error[6..]
                    : $"no ready line ({string.Join(" | ", tail)})";
            }

            process.Dispose();
            throw new InvalidOperationException(detail);
        }

        var fields = Fields(line);
        var port = int.Parse(fields["port"], CultureInfo.InvariantCulture);
        var processors = int.Parse(fields["cpus"], CultureInfo.InvariantCulture);
        return new ServerProcess(process, tail, new IPEndPoint(IPAddress.Loopback, port), fields["gc"], processors);
    }

    /// <summary>The server process's counters now.</summary>
    public async Task<ProcessCounters> ReadCountersAsync(CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync("counters", cancellationToken);
        if (!reply.StartsWith("counters ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the server process answered '{reply}' to 'counters'");
        }

        return ProcessCounters.Parse(reply["counters ".Length..]);
    }

    /// <summary>Starts a new peak working set in the server process.</summary>
    public Task ResetPeakAsync(CancellationToken cancellationToken) => ExchangeAsync("reset-peak", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await ExchangeAsync("stop", timeout.Token);
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            await KillAsync(_process);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task<string> ExchangeAsync(string command, CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        return await ReadReplyAsync(_process, cancellationToken)
            ?? throw new InvalidOperationException(
                $"the server process ended (exit code {ExitCode()}) instead of answering '{command}': {StderrTail()}");
    }

    private string StderrTail()
    {
        lock (_stderrTail)
        {
            return string.Join(" | ", _stderrTail);
        }
    }

    private string ExitCode() => _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "none yet";

    // Replies are the lines that start with a known word; anything else a library wrote to stdout is skipped.
    private static async Task<string?> ReadReplyAsync(Process process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReplyTimeout);
        while (true)
        {
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the server process did not answer within {ReplyTimeout.TotalSeconds:F0} s");
            }

            if (line is null)
            {
                return null;
            }

            if (line.StartsWith("ready ", StringComparison.Ordinal) || line.StartsWith("counters ", StringComparison.Ordinal) ||
                line.StartsWith("error ", StringComparison.Ordinal) || line is "ok" or "stopped")
            {
                return line;
            }
        }
    }

    private static Dictionary<string, string> Fields(string line)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields[part[..equals]] = part[(equals + 1)..];
            }
        }

        return fields;
    }

    private static async Task KillAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // it has already gone
        }
    }

    // The server runs on the dotnet host with this very dll, whether the load process was started by `dotnet run`
    // (through the app host) or by `dotnet Parley.LoadTest.dll`.
    public static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        return "dotnet";
    }
}

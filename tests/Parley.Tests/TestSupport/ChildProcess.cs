using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Parley.Tests.TestSupport;

/// <summary>
/// A process started by a test, with its output captured: standard output and standard error each on their own and
/// interleaved as they arrived. Standard input is kept open until disposal, so a child that stops at the end of its
/// input lives as long as this object. Disposal kills the process (and its children) if it is still running.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _output = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _awaited = [];
    private bool _stdoutClosed;
    private bool _disposed;

    private ChildProcess(ProcessStartInfo start)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnStdout(e.Data);
        _process.ErrorDataReceived += (_, e) => OnStderr(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The process id (for a command run through <c>ip netns exec</c>, the command's own: it execs in place).</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    /// <summary>Standard output and standard error, interleaved as they arrived.</summary>
    public string Output => Read(_output);

    public static ChildProcess Start(ProcessStartInfo start) => new(start);

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="arguments"/></c>.</summary>
    public static ChildProcess StartDotnet(string dll, params string[] arguments) => new(DotnetStartInfo(dll, arguments));

    public static ProcessStartInfo DotnetStartInfo(string dll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>
    /// Completes with the first line of standard output, printed so far or later, that <paramref name="match"/> accepts;
    /// fails with the process's output if standard output ends first. Not bounded: wrap it in a timeout.
    /// </summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return Task.FromResult(line);
            }

            if (_stdoutClosed)
            {
                return Task.FromException<string>(EndedBeforeLine());
            }

            _awaited.Add((match, seen));
        }

        return seen.Task;
    }

    /// <summary>Waits (at most a minute) for the process to exit and returns its exit code, with all its output read.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as a service manager does to stop a service.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>
    /// Sends SIGKILL and waits (at most a minute) until the process is gone: it dies at once, without closing its
    /// connections gracefully, and the kernel resets them.
    /// </summary>
    public void Kill()
    {
        Signal("KILL");
        if (!_process.WaitForExit(ExitTimeout))
        {
            throw new TimeoutException($"process {_process.Id} still runs {ExitTimeout} after SIGKILL");
        }
    }

    /// <summary>Closes the process's standard input.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
        }

        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed with exit code {kill.ExitCode}");
        }
    }

    private void OnStdout(string? line)
    {
        List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> matched;
        lock (_output)
        {
            if (line is null)
            {
                _stdoutClosed = true;
            }
            else
            {
                _stdout.AppendLine(line);
                _output.AppendLine(line);
                _lines.Add(line);
            }

            matched = _awaited.Where(a => line is null || a.Match(line)).ToList();
            _awaited.RemoveAll(matched.Contains);
        }

        if (line is null)
        {
            _ = FailAfterExitAsync(matched);
            return;
        }

        foreach (var (_, seen) in matched)
        {
            seen.TrySetResult(line);
        }
    }

    // Waits for the exit first, so that the failure carries the last of standard error (usually the reason).
    private async Task FailAfterExitAsync(List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> waiting)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
        }

        foreach (var (_, seen) in waiting)
        {
            seen.TrySetException(EndedBeforeLine());
        }
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _stderr.AppendLine(line);
            _output.AppendLine(line);
        }
    }

    private InvalidOperationException EndedBeforeLine() =>
        new($"{_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)} ended its output before the awaited line:\n{Output}");

    private string Read(StringBuilder text)
    {
        lock (_output)
        {
            return text.ToString();
        }
    }
}

using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Parley.Tests.Samples;

/// <summary>Runs the built Hosting sample as a separate process with its own environment variables, the way a service manager does.</summary>
public sealed class HostingSampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];

    private HostingSampleProcess(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(SamplePath);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The sample's build output, next to this test assembly's (same configuration).</summary>
    public static string SamplePath
    {
        get
        {
            var testDirectory = Path.GetDirectoryName(Assembly.GetExecutingAssembly().Location)!;
            var configuration = Path.GetFileName(Path.GetDirectoryName(testDirectory))!; // bin/<configuration>/net10.0
            var root = Path.GetFullPath(Path.Combine(testDirectory, "..", "..", "..", "..", ".."));
            var path = Path.Combine(root, "samples", "Hosting", "bin", configuration, "net10.0", "Hosting.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first; the sample is missing.", path);
        }
    }

    /// <summary>Standard output and standard error, interleaved as they arrived.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static HostingSampleProcess Start(IReadOnlyDictionary<string, string> environment) => new(environment);

    /// <summary>Completes when the output contains <paramref name="text"/>; fails with the output so far if the process exits first.</summary>
    public Task WaitForOutputAsync(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            _awaited.Add((text, seen));
        }

        return WaitOrFailAsync(seen.Task, text);
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as a service manager does to stop a service.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed with exit code {kill.ExitCode}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitOrFailAsync(Task seen, string text)
    {
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(seen, exited) != seen)
        {
            _process.WaitForExit();
            throw new InvalidOperationException($"The sample exited with code {_process.ExitCode} before printing '{text}':\n{Output}");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            var all = _output.ToString();
            foreach (var (text, seen) in _awaited.Where(a => all.Contains(a.Text, StringComparison.Ordinal)).ToList())
            {
                seen.TrySetResult();
                _awaited.Remove((text, seen));
            }
        }
    }
}

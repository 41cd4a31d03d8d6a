using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Parley.Tests.Samples;

/// <summary>Runs the built Quickstart sample as a separate process, the way a user does.</summary>
public sealed class QuickstartProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private QuickstartProcess(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(SamplePath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _firstLine.TrySetException(new InvalidOperationException("the sample printed nothing: " + Stderr));
                return;
            }

            lock (_stdout)
            {
                _stdout.AppendLine(e.Data);
            }

            _firstLine.TrySetResult(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
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
            var path = Path.Combine(root, "samples", "Quickstart", "bin", configuration, "net10.0", "Quickstart.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first; the sample is missing.", path);
        }
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public Task<string> FirstLine => _firstLine.Task;

    /// <summary>The process id, for reading what the operating system reports about it (/proc/&lt;id&gt;/status).</summary>
    public int Id => _process.Id;

    public static QuickstartProcess Start(params string[] arguments) => new(arguments);

    /// <summary>Runs the sample to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        await using var process = Start(arguments);
        var exitCode = await process.WaitForExitAsync();
        return (exitCode, process.Stdout, process.Stderr);
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
}

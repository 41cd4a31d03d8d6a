using Parley.Tests.TestSupport;

namespace Parley.Tests.Samples;

/// <summary>Runs the built Quickstart sample as a separate process, the way a user does.</summary>
public sealed class QuickstartProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private QuickstartProcess(string[] arguments)
    {
        _process = ChildProcess.StartDotnet(SamplePath, arguments);
        FirstLine = _process.WaitForLineAsync(_ => true);
    }

    /// <summary>The sample's build output, next to this test assembly's (same configuration).</summary>
    public static string SamplePath => BuildOutput.Dll(Path.Combine("samples", "Quickstart"), "Quickstart");

    public string Stdout => _process.Stdout;

    public string Stderr => _process.Stderr;

    public Task<string> FirstLine { get; }

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

    public Task<int> WaitForExitAsync() => _process.WaitForExitAsync();

    /// <summary>Sends SIGTERM, as a service manager does to stop a service.</summary>
    public void Terminate() => _process.Terminate();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

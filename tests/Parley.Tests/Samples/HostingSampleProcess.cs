using Parley.Tests.TestSupport;

namespace Parley.Tests.Samples;

/// <summary>Runs the built Hosting sample as a separate process with its own environment variables, the way a service manager does.</summary>
public sealed class HostingSampleProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private HostingSampleProcess(IReadOnlyDictionary<string, string> environment)
    {
        var start = ChildProcess.DotnetStartInfo(SamplePath, []);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = ChildProcess.Start(start);
    }

    /// <summary>The sample's build output, next to this test assembly's (same configuration).</summary>
    public static string SamplePath => BuildOutput.Dll(Path.Combine("samples", "Hosting"), "Hosting");

    /// <summary>Standard output and standard error, interleaved as they arrived.</summary>
    public string Output => _process.Output;

    public static HostingSampleProcess Start(IReadOnlyDictionary<string, string> environment) => new(environment);

    /// <summary>Completes when standard output shows <paramref name="text"/>; fails with the output so far if the process exits first.</summary>
    public Task WaitForOutputAsync(string text) => _process.WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal));

    public Task<int> WaitForExitAsync() => _process.WaitForExitAsync();

    /// <summary>Sends SIGTERM, as a service manager does to stop a service.</summary>
    public void Terminate() => _process.Terminate();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

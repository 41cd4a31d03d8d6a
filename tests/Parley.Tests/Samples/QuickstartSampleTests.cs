using System.Text.RegularExpressions;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Samples;

public sealed partial class QuickstartSampleTests
{
    [Fact]
    public async Task Demo_NoArguments_CallsEachMethodAndExitsZero()
    {
        var (exitCode, stdout, stderr) = await QuickstartProcess.RunAsync().DefaultTimeout();

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("Add(1, 2) = 3", stdout, StringComparison.Ordinal);
        Assert.Matches(@"GetTime\(\) = \d{4}-\d\d-\d\dT", stdout);
        Assert.Contains("Count(5) streamed 1, 2, 3, 4, 5", stdout, StringComparison.Ordinal);
        Assert.Contains("Log(\"hello from the quickstart\") delivered one-way", stdout, StringComparison.Ordinal);
        Assert.Contains("InvokeAsync(\"Calculator\", \"Add\", [40, 2]) = 42", stdout, StringComparison.Ordinal);
        Assert.Contains("dynamic Add(20, 22) = 42", stdout, StringComparison.Ordinal);
        Assert.Contains("blocking Add(1, 1) = 2", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeAndCall_SeparateProcesses_CallPrintsResultAndServeDrainsOnSigterm()
    {
        await using var serve = QuickstartProcess.Start("serve", "--port", "0");
        var port = PortPattern().Match(await serve.FirstLine.DefaultTimeout()).Groups[1].Value;

        var add = await QuickstartProcess.RunAsync("call", "--port", port, "Add", "1", "2").DefaultTimeout();
        var addMessagePack = await QuickstartProcess.RunAsync("call", "--port", port, "--codec", "msgpack", "Add", "1", "2").DefaultTimeout();
        var unknown = await QuickstartProcess.RunAsync("call", "--port", port, "Divide", "1", "2").DefaultTimeout();
        var log = await QuickstartProcess.RunAsync("call", "--port", port, "Log", "hello").DefaultTimeout();
        serve.Terminate();
        var serveExit = await serve.WaitForExitAsync().DefaultTimeout();

        Assert.Equal((0, "3"), (add.ExitCode, add.Stdout.Trim()));
        Assert.Equal((0, "3"), (addMessagePack.ExitCode, addMessagePack.Stdout.Trim()));
        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("UNIMPLEMENTED: ", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, log.ExitCode);
        Assert.Equal(0, serveExit);
        Assert.Contains("[server] log: hello", serve.Stdout, StringComparison.Ordinal);
        Assert.Contains("Stopped.", serve.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("msgpack")]
    public async Task CallCount_AgainstServe_PrintsOneLineWithCountAndRateAndExitsZero(string codec)
    {
        await using var serve = QuickstartProcess.Start("serve", "--port", "0");
        var port = PortPattern().Match(await serve.FirstLine.DefaultTimeout()).Groups[1].Value;

        var (exitCode, stdout, stderr) = await QuickstartProcess.RunAsync("call", "--port", port, "--codec", codec, "Count", "100000").DefaultTimeout();

        Assert.True(exitCode == 0, stderr);
        Assert.Matches(@"^received 100000 messages in \d+\.\d\d s \(\d{1,3}(,\d{3})* msg/s\)$", stdout.TrimEnd()); // one line
        Assert.Equal("", stderr.Trim());
    }

    [Fact]
    public async Task Call_NoServer_PrintsUnavailableAndExitsNonZero()
    {
        using var probe = new ScriptedServer();
        var port = probe.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        probe.Dispose(); // nothing listens on the port any more

        var (exitCode, _, stderr) = await QuickstartProcess.RunAsync("call", "--port", port, "Add", "1", "2").DefaultTimeout();

        Assert.Equal(1, exitCode);
        Assert.StartsWith("UNAVAILABLE: ", stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"tcp://127\.0\.0\.1:(\d+)")]
    private static partial Regex PortPattern();
}

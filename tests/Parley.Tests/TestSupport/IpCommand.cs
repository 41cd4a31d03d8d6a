using System.ComponentModel;
using System.Diagnostics;

namespace Parley.Tests.TestSupport;

/// <summary>Runs iproute2's <c>ip</c>, with failures that say what to install or how to run.</summary>
internal static class IpCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <exception cref="InvalidOperationException">ip is missing, or the command failed (the message has ip's reason).</exception>
    public static void Run(params string[] arguments)
    {
        var (exitCode, _, stderr) = Execute(arguments);
        if (exitCode != 0)
        {
            var hint = stderr.Contains("Operation not permitted", StringComparison.Ordinal)
                ? " Network namespaces need root (CAP_NET_ADMIN), as on the CI machines, and the packages of scripts/bootstrap.sh."
                : "";
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({exitCode}): {stderr.Trim()}.{hint}");
        }
    }

    /// <summary>Runs a command whose failure is expected at times (deleting what may be gone already).</summary>
    public static void TryRun(params string[] arguments) => Execute(arguments);

    public static string Output(params string[] arguments) => Execute(arguments).Stdout;

    private static (int ExitCode, string Stdout, string Stderr) Execute(string[] arguments)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process ip;
        try
        {
            ip = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                "`ip` (iproute2) is not installed; the cluster tests need it for network namespaces: run scripts/bootstrap.sh.", ex);
        }

        using (ip)
        {
            var stderr = ip.StandardError.ReadToEndAsync();
            var stdout = ip.StandardOutput.ReadToEnd();
            if (!ip.WaitForExit(Timeout))
            {
                ip.Kill();
                throw new TimeoutException($"ip {string.Join(' ', arguments)} did not finish within {Timeout}");
            }

            return (ip.ExitCode, stdout, stderr.GetAwaiter().GetResult());
        }
    }
}

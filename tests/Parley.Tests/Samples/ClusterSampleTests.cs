using System.Text.RegularExpressions;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Samples;

/// <summary>Runs the built Cluster sample as a user does (it starts the installed etcd) and reads what it prints.</summary>
public sealed partial class ClusterSampleTests
{
    [Fact]
    public async Task ClusterSample_BalancesEvenly_ThenLosesNoCallWhenAnInstanceStopsUnderLoad()
    {
        await using var sample = ChildProcess.StartDotnet(BuildOutput.Dll(Path.Combine("samples", "Cluster"), "Cluster"));
        var exitCode = await sample.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var output = sample.Stdout;

        Assert.True(exitCode == 0, $"exit code {exitCode}; run scripts/bootstrap.sh if etcd is missing.\n{sample.Output}");
        var sections = output.Split("stopping instance b under load");
        var before = Counts(sections[0]);
        var after = Counts(sections[1]);
        Assert.Equal(["a", "b", "c"], before.Keys.Order());
        Assert.All(before.Values, n => Assert.InRange(n, 9_800, 10_200)); // 30,000 calls, a third each ±2 %
        Assert.Matches(@"failed calls=0 of \d+", output);
        Assert.Equal(["a", "c"], after.Keys.Order());
        Assert.True(after.Values.All(n => n > 0), output);
    }

    private static Dictionary<string, int> Counts(string text) =>
        InstanceLine().Matches(text).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^instance=(\w+) calls=(\d+)$", RegexOptions.Multiline)]
    private static partial Regex InstanceLine();
}

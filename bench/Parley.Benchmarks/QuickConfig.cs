using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace Parley.Benchmarks;

/// <summary>
/// The configuration every run uses: BenchmarkDotNet's defaults (the GitHub markdown, HTML and CSV reports in
/// <c>BenchmarkDotNet.Artifacts/results</c>) with a shorter job, so that the whole suite runs in about six minutes on
/// a 2-core machine.
/// </summary>
/// <remarks>
/// BenchmarkDotNet's default job runs each benchmark until its error is small, which on a shared 2-core machine can
/// take a minute or more per case. The quick job takes one process, 5 warmup and 15 measured iterations of about half
/// a second each: enough to compare runs made on the same machine, not enough to trust a difference of a few percent.
/// A job named on the command line (<c>--job default</c>, <c>--job short</c>, ...) replaces it.
/// <para>
/// The tables add the median and the fastest iteration to the mean: on a machine shared with other work, a busy
/// neighbour stretches some iterations, which moves the mean much more than the median or the minimum.
/// </para>
/// </remarks>
internal static class QuickConfig
{
    public static Job Quick { get; } = Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(5)
        .WithIterationCount(15)
        .WithIterationTime(TimeInterval.FromMilliseconds(500))
        .WithId("Quick");

    public static IConfig For(string[] args)
    {
        var config = DefaultConfig.Instance.AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        return NamesJob(args) ? config : config.AddJob(Quick);
    }

    // BenchmarkDotNet prefers a job in the configuration to the one the command line names, so the quick job is left
    // out when the command line names one.
    private static bool NamesJob(string[] args) =>
        Array.Exists(args, arg => arg is "--job" or "-j" || arg.StartsWith("--job=", StringComparison.Ordinal));
}

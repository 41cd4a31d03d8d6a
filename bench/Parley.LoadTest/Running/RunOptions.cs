using System.Globalization;
using Parley.LoadTest.Measuring;
using Parley.LoadTest.Systems;

namespace Parley.LoadTest.Running;

/// <summary>The options of <c>run</c>: which systems and workloads, how long, how often, where the results go.</summary>
internal sealed class RunOptions
{
    /// <summary>The systems to measure, in the order each repetition runs them. Default: all of them.</summary>
    public IReadOnlyList<IBenchSystem> Systems { get; private set; } = BenchSystems.All;

    /// <summary>The workloads to run (<c>W1</c> to <c>W5</c>); null for all.</summary>
    public IReadOnlySet<string>? Workloads { get; private set; }

    /// <summary>How many times every cell is measured; the report gives the median and the range. Default 5; 1 with --quick.</summary>
    public int Repetitions { get; private set; } = 5;

    /// <summary>Warm-up and measured period of each cell. Default 1 s and 2 s; 0.3 s and 0.7 s with --quick.</summary>
    public CellTiming Timing { get; private set; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

    /// <summary>Calls made against a freshly started server before its first cell. Default 1 s; 0.3 s with --quick.</summary>
    public TimeSpan ServerWarmup { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>DOTNET_PROCESSOR_COUNT for both processes; null (the default) leaves the runtime to see every core.</summary>
    public int? Cpus { get; private set; }

    public bool Quick { get; private set; }

    public string? Output { get; private set; }

    public bool WriteReport { get; private set; } = true;

    public static bool TryParse(string[] args, out RunOptions options, out string? error)
    {
        options = new RunOptions();
        error = null;
        var systems = new List<IBenchSystem>();
        var workloads = new HashSet<string>(StringComparer.Ordinal);
        double? warmup = null, measure = null;
        int? repetitions = null;

        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--quick")
            {
                options.Quick = true;
                continue;
            }

            if (arg is "--no-report")
            {
                options.WriteReport = false;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"'{arg}' needs a value, or is not an option";
                return false;
            }

            var value = args[++i];
            switch (arg)
            {
                case "--system" or "--systems":
                    foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (BenchSystems.Find(name) is not { } system)
                        {
                            error = $"unknown system '{name}'; the systems are: {BenchSystems.Names}";
                            return false;
                        }

                        systems.Add(system);
                    }

                    break;
                case "--workload" or "--workloads":
                    foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var workload = name.ToUpperInvariant();
                        if (workload is not ("W1" or "W2" or "W3" or "W4" or "W5"))
                        {
                            error = $"unknown workload '{name}'; the workloads are W1 to W5";
                            return false;
                        }

                        workloads.Add(workload);
                    }

                    break;
                case "--repetitions" when int.TryParse(value, CultureInfo.InvariantCulture, out var count) && count > 0:
                    repetitions = count;
                    break;
                case "--warmup" when double.TryParse(value, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0:
                    warmup = seconds;
                    break;
                case "--measure" when double.TryParse(value, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    measure = seconds;
                    break;
                case "--cpus" when int.TryParse(value, CultureInfo.InvariantCulture, out var cpus) && cpus > 0:
                    options.Cpus = cpus;
                    break;
                case "--output":
                    options.Output = value;
                    break;
                default:
                    error = $"'{arg} {value}' is not a valid option";
                    return false;
            }
        }

        if (systems.Count > 0)
        {
            options.Systems = systems.Distinct().ToList();
        }

        if (workloads.Count > 0)
        {
            options.Workloads = workloads;
        }

        if (options.Quick)
        {
            options.Repetitions = 1;
            options.Timing = new(TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(0.7));
            options.ServerWarmup = TimeSpan.FromSeconds(0.3);
        }

        options.Repetitions = repetitions ?? options.Repetitions;
        options.Timing = new(
            warmup is { } w ? TimeSpan.FromSeconds(w) : options.Timing.Warmup,
            measure is { } m ? TimeSpan.FromSeconds(m) : options.Timing.Measure);
        return true;
    }
}

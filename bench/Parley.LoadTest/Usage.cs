using Parley.LoadTest.Systems;

namespace Parley.LoadTest;

internal static class Usage
{
    public static string Text => $"""
        usage (from the repository root):
          dotnet run -c Release --project bench/Parley.LoadTest -- [run] [options]
                                  measure every system and workload, write bench/results/latest.json and docs/benchmarks.md
          dotnet run -c Release --project bench/Parley.LoadTest -- report [--input FILE]
                                  write docs/benchmarks.md (and its charts) again from the results
          dotnet run -c Release --project bench/Parley.LoadTest -- list
                                  print the systems and workloads

        run options:
          --quick                 a smoke run of about two minutes: one repetition, 0.3 s warm-up, 0.7 s measured
          --system NAME[,NAME]    only these systems (repeatable); the systems are: {BenchSystems.Names}
          --workload W[,W]        only these workloads, W1 to W5 (repeatable)
          --repetitions N         measure each cell N times (default 5; 1 with --quick)
          --warmup S              seconds of warm-up per cell (default 1)
          --measure S             seconds measured per cell (default 2)
          --cpus N                set DOTNET_PROCESSOR_COUNT=N for the load and the server processes
          --output FILE           write the results here instead of bench/results/latest.json
          --no-report             do not write docs/benchmarks.md afterwards
        """;

    public static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        Console.Error.WriteLine(Text);
        return 2;
    }
}

namespace Parley.LoadTest.Measuring;

/// <summary>The cells of a run, in the order each system runs them.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>W1: sequential unary calls, one caller, 64 B: latency percentiles and calls/s.</item>
/// <item>W2: concurrent unary calls on one connection from 1, 4, 16, 64 and 256 callers, 64 B: calls/s and p99.</item>
/// <item>W3: W1 and W2 with 64 callers, with 1 KiB requests and responses.</item>
/// <item>W4: server streaming, 64 B and 1 KiB messages: messages/s and MB/s (systems that stream).</item>
/// <item>W5: open loop, calls started at a fixed rate whatever the responses do, latency from the intended start.</item>
/// </list>
/// </remarks>
internal static class CellPlan
{
    public static readonly int[] W2Callers = [1, 4, 16, 64, 256];
    public static readonly int[] W5Rates = [5_000, 20_000, 50_000];

    public static IReadOnlyList<CellSpec> Build(IReadOnlySet<string>? workloads)
    {
        var cells = new List<CellSpec>();
        bool Wanted(string workload) => workloads is null || workloads.Contains(workload);

        if (Wanted("W1"))
        {
            cells.Add(new("W1", 1, 64));
        }

        if (Wanted("W2"))
        {
            foreach (var callers in W2Callers)
            {
                cells.Add(new("W2", callers, 64));
            }
        }

        if (Wanted("W3"))
        {
            cells.Add(new("W3", 1, 1024));
            cells.Add(new("W3", 64, 1024));
        }

        if (Wanted("W4"))
        {
            cells.Add(new("W4", 1, 64));
            cells.Add(new("W4", 1, 1024));
        }

        if (Wanted("W5"))
        {
            foreach (var rate in W5Rates)
            {
                cells.Add(new("W5", 0, 64, rate));
            }
        }

        return cells;
    }
}

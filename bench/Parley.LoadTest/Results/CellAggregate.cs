using Parley.LoadTest.Measuring;

namespace Parley.LoadTest.Results;

/// <summary>Collects the repetitions of one cell of one system and reduces them to a <see cref="CellResult"/>.</summary>
internal sealed class CellAggregate(string system, CellSpec cell)
{
    private readonly List<CellRun> _runs = [];
    private readonly List<string> _failures = [];

    public string System { get; } = system;

    public CellSpec Cell { get; } = cell;

    public IReadOnlyList<CellRun> Runs => _runs;

    public void Add(CellRun run) => _runs.Add(run);

    public void Fail(string reason) => _failures.Add(reason);

    public CellResult ToResult()
    {
        var result = new CellResult
        {
            System = System,
            Workload = Cell.Workload,
            Callers = Cell.Callers,
            PayloadBytes = Cell.PayloadBytes,
            TargetRate = Cell.TargetRate,
            Repetitions = _runs.Count,
            Errors = _runs.Sum(run => run.Errors),
            Error = _failures.Count == 0 ? null : $"{_failures.Count} of {_runs.Count + _failures.Count} repetitions failed: {_failures[0]}",
        };
        if (_runs.Count == 0)
        {
            return result;
        }

        result.CallsPerS = Round(Median(run => run.CallsPerS), 0);
        result.MinCallsPerS = Round(_runs.Min(run => run.CallsPerS), 0);
        result.MaxCallsPerS = Round(_runs.Max(run => run.CallsPerS), 0);
        result.CallsPerSRuns = _runs.Select(run => Math.Round(run.CallsPerS)).ToList();
        result.P50Us = Round(Median(run => run.P50Us), 1);
        result.P90Us = Round(Median(run => run.P90Us), 1);
        result.P99Us = Round(Median(run => run.P99Us), 1);
        result.P999Us = Round(Median(run => run.P999Us), 1);
        if (Cell.IsStreaming)
        {
            result.MessagesPerS = result.CallsPerS;
            result.MbPerS = Round(Median(run => run.MbPerS), 1);
        }

        var client = Median(run => run.CpuUsPerCallClient);
        var server = Median(run => run.CpuUsPerCallServer);
        result.CpuUsPerCallClient = Round(client, 2);
        result.CpuUsPerCallServer = Round(server, 2);
        result.CpuUsPerCall = Round(Median(run => run.CpuUsPerCallClient + run.CpuUsPerCallServer), 2);
        result.AllocBytesPerCallClient = Round(Median(run => run.AllocBytesPerCallClient), 0);
        result.AllocBytesPerCallServer = Round(Median(run => run.AllocBytesPerCallServer), 0);
        result.PeakWsClientMb = Round(Median(run => run.PeakWsClientMb), 1);
        result.PeakWsServerMb = Round(Median(run => run.PeakWsServerMb), 1);
        if (Cell.IsOpenLoop)
        {
            result.Dropped = Median(run => run.Dropped);
            result.PacerLagP99Us = Round(Median(run => run.PacerLagP99Us), 1);
            result.MaxInFlight = Median(run => run.MaxInFlight);
        }

        return result;
    }

    private double? Median(Func<CellRun, double?> value)
    {
        var values = _runs.Select(value).Where(v => v is not null && !double.IsNaN(v.Value)).Select(v => v!.Value).Order().ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;
}

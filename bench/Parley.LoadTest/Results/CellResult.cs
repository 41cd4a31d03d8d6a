namespace Parley.LoadTest.Results;

/// <summary>
/// One cell of a run (system × workload × callers × payload, and the rate for W5): the median over its repetitions of
/// each figure, and the range of the throughput. "Per call" is per message for W4.
/// </summary>
internal sealed class CellResult
{
    public string System { get; set; } = "";

    public string Workload { get; set; } = "";

    /// <summary>Concurrent callers on the one connection; 0 for W5's open loop.</summary>
    public int Callers { get; set; }

    public int PayloadBytes { get; set; }

    /// <summary>W5: the arrival rate asked for, calls per second.</summary>
    public int? TargetRate { get; set; }

    /// <summary>Calls completed per second (W4: messages per second).</summary>
    public double? CallsPerS { get; set; }

    public double? P50Us { get; set; }

    public double? P90Us { get; set; }

    public double? P99Us { get; set; }

    public double? P999Us { get; set; }

    /// <summary>W4: messages received per second.</summary>
    public double? MessagesPerS { get; set; }

    /// <summary>W4: payload megabytes (10^6 bytes) received per second.</summary>
    public double? MbPerS { get; set; }

    /// <summary>CPU time of both processes per call, microseconds.</summary>
    public double? CpuUsPerCall { get; set; }

    public double? CpuUsPerCallClient { get; set; }

    public double? CpuUsPerCallServer { get; set; }

    public double? AllocBytesPerCallClient { get; set; }

    public double? AllocBytesPerCallServer { get; set; }

    /// <summary>The load process's peak resident set during the measured period, MiB.</summary>
    public double? PeakWsClientMb { get; set; }

    /// <summary>The server process's peak resident set during the measured period, MiB.</summary>
    public double? PeakWsServerMb { get; set; }

    /// <summary>Repetitions that measured this cell (failed ones excluded).</summary>
    public int Repetitions { get; set; }

    public double? MinCallsPerS { get; set; }

    public double? MaxCallsPerS { get; set; }

    /// <summary>Calls per second of each repetition, in the order they ran.</summary>
    public List<double> CallsPerSRuns { get; set; } = [];

    /// <summary>Calls that failed, over all repetitions.</summary>
    public long Errors { get; set; }

    /// <summary>W5: calls due while the in-flight limit was reached, so not started (median over repetitions).</summary>
    public double? Dropped { get; set; }

    /// <summary>W5: the pacer's lateness against the schedule at p99, microseconds (it is included in the latency).</summary>
    public double? PacerLagP99Us { get; set; }

    /// <summary>W5: the most calls in flight at once (median over repetitions).</summary>
    public double? MaxInFlight { get; set; }

    /// <summary>Why repetitions failed, when any did.</summary>
    public string? Error { get; set; }
}

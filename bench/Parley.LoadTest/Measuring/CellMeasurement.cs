using Parley.LoadTest.Serving;

namespace Parley.LoadTest.Measuring;

/// <summary>What one repetition of one cell measured, before anything is derived from it.</summary>
internal sealed class CellMeasurement
{
    /// <summary>Calls completed in the measured period (for W4: messages received).</summary>
    public long Calls { get; set; }

    /// <summary>Calls that failed or came back wrong in the whole cell, warm-up included.</summary>
    public long Errors { get; set; }

    /// <summary>W4: stream calls made in the measured period.</summary>
    public long StreamCalls { get; set; }

    /// <summary>W5: calls not started because as many as the in-flight limit were already waiting.</summary>
    public long Dropped { get; set; }

    /// <summary>The measured period's length.</summary>
    public double Seconds { get; set; }

    /// <summary>Per-call latency (none for W4).</summary>
    public LatencyHistogram? Latency { get; set; }

    /// <summary>W5: how late the pacer started calls against their schedule (this is part of the latency).</summary>
    public LatencyHistogram? PacerLag { get; set; }

    /// <summary>W5: the most calls in flight at once.</summary>
    public long MaxInFlight { get; set; }

    public ProcessCounters ClientBefore { get; set; }

    public ProcessCounters ClientAfter { get; set; }

    public ProcessCounters ServerBefore { get; set; }

    public ProcessCounters ServerAfter { get; set; }

    /// <summary>The first error seen, to explain a failed cell.</summary>
    public string? FirstError { get; set; }
}

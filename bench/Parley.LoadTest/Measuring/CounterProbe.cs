using Parley.LoadTest.Serving;

namespace Parley.LoadTest.Measuring;

/// <summary>Takes the counters of both processes at the edges of a measured period.</summary>
internal sealed class CounterProbe(ServerProcess server)
{
    /// <summary>Starts new peaks of working set in both processes and records the counters at the start.</summary>
    public async Task BeginAsync(CellMeasurement measurement, CancellationToken cancellationToken)
    {
        await server.ResetPeakAsync(cancellationToken);
        ProcessCounters.ResetPeak();
        measurement.ServerBefore = await server.ReadCountersAsync(cancellationToken);
        measurement.ClientBefore = ProcessCounters.Read();
    }

    /// <summary>Records the counters at the end, in the reverse order, so both periods span the same calls.</summary>
    public async Task EndAsync(CellMeasurement measurement, CancellationToken cancellationToken)
    {
        measurement.ClientAfter = ProcessCounters.Read();
        measurement.ServerAfter = await server.ReadCountersAsync(cancellationToken);
    }
}

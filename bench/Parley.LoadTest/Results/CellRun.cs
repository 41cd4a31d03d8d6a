using Parley.LoadTest.Measuring;

namespace Parley.LoadTest.Results;

/// <summary>The figures of one repetition of one cell, derived from its <see cref="CellMeasurement"/>.</summary>
internal sealed record CellRun(
    double CallsPerS,
    double? P50Us,
    double? P90Us,
    double? P99Us,
    double? P999Us,
    double? MbPerS,
    double CpuUsPerCallClient,
    double CpuUsPerCallServer,
    double AllocBytesPerCallClient,
    double AllocBytesPerCallServer,
    double PeakWsClientMb,
    double PeakWsServerMb,
    long Errors,
    long Dropped,
    double? PacerLagP99Us,
    long MaxInFlight)
{
    private const double Mebibyte = 1024 * 1024;

    public static CellRun From(CellSpec cell, CellMeasurement m)
    {
        var calls = Math.Max(1, m.Calls);
        var latency = m.Latency is { TotalCount: > 0 } histogram ? histogram : null;
        return new CellRun(
            CallsPerS: m.Calls / Math.Max(m.Seconds, 1e-9),
            P50Us: latency?.PercentileMicroseconds(50),
            P90Us: latency?.PercentileMicroseconds(90),
            P99Us: latency?.PercentileMicroseconds(99),
            P999Us: latency?.PercentileMicroseconds(99.9),
            MbPerS: cell.IsStreaming ? m.Calls * (double)cell.PayloadBytes / Math.Max(m.Seconds, 1e-9) / 1e6 : null,
            CpuUsPerCallClient: (m.ClientAfter.CpuMicroseconds - m.ClientBefore.CpuMicroseconds) / (double)calls,
            CpuUsPerCallServer: (m.ServerAfter.CpuMicroseconds - m.ServerBefore.CpuMicroseconds) / (double)calls,
            AllocBytesPerCallClient: (m.ClientAfter.AllocatedBytes - m.ClientBefore.AllocatedBytes) / (double)calls,
            AllocBytesPerCallServer: (m.ServerAfter.AllocatedBytes - m.ServerBefore.AllocatedBytes) / (double)calls,
            PeakWsClientMb: m.ClientAfter.PeakWorkingSetBytes / Mebibyte,
            PeakWsServerMb: m.ServerAfter.PeakWorkingSetBytes / Mebibyte,
            Errors: m.Errors,
            Dropped: m.Dropped,
            PacerLagP99Us: m.PacerLag is { TotalCount: > 0 } lag ? lag.PercentileMicroseconds(99) : null,
            MaxInFlight: m.MaxInFlight);
    }
}

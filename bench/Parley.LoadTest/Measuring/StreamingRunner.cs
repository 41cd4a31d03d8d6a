using System.Diagnostics;
using Parley.LoadTest.Systems;

namespace Parley.LoadTest.Measuring;

/// <summary>
/// W4: one caller asks for server streams back to back. Each stream is sized to last about
/// <see cref="TargetStreamSeconds"/>, and the measured period runs from the start of the first measured stream to the
/// end of the last, so no stream is cut in two by its edges.
/// </summary>
internal static class StreamingRunner
{
    private const double TargetStreamSeconds = 0.05;
    private const int FirstStreamMessages = 2_000;
    private const int MaxStreamMessages = 2_000_000;

    public static async Task<CellMeasurement> RunAsync(
        IBenchClient client, CellSpec cell, CellTiming timing, CounterProbe probe, CancellationToken cancellationToken)
    {
        var measurement = new CellMeasurement();
        var count = FirstStreamMessages;

        // Warm-up: also finds how many messages make a stream of about TargetStreamSeconds.
        var warmupEnd = Stopwatch.GetTimestamp() + Ticks(timing.Warmup.TotalSeconds);
        do
        {
            var start = Stopwatch.GetTimestamp();
            await StreamAsync(client, count, cell.PayloadBytes, measurement, cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            count = (int)Math.Clamp(count * TargetStreamSeconds / Math.Max(seconds, 1e-6), 100, MaxStreamMessages);
        }
        while (Stopwatch.GetTimestamp() < warmupEnd);

        await probe.BeginAsync(measurement, cancellationToken);
        var measureStart = Stopwatch.GetTimestamp();
        var measureEnd = measureStart + Ticks(timing.Measure.TotalSeconds);
        long messages = 0;
        do
        {
            messages += await StreamAsync(client, count, cell.PayloadBytes, measurement, cancellationToken);
            measurement.StreamCalls++;
        }
        while (Stopwatch.GetTimestamp() < measureEnd);

        measurement.Seconds = Stopwatch.GetElapsedTime(measureStart).TotalSeconds;
        await probe.EndAsync(measurement, cancellationToken);
        measurement.Calls = messages;
        return measurement;
    }

    private static async Task<long> StreamAsync(
        IBenchClient client, int count, int payloadBytes, CellMeasurement measurement, CancellationToken cancellationToken)
    {
        long received;
        try
        {
            received = await client.StreamAsync(count, payloadBytes, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            measurement.Errors++;
            throw new CellFailedException($"a stream of {count} messages failed: {ex.GetType().Name}: {ex.Message}");
        }

        if (received != count)
        {
            measurement.Errors++;
            throw new CellFailedException($"a stream of {count} messages delivered {received}");
        }

        return received;
    }

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}

using System.Diagnostics;
using Parley.LoadTest.Systems;

namespace Parley.LoadTest.Measuring;

/// <summary>
/// W1 to W3: a fixed number of callers share one client, each sending its next call as soon as the last one
/// returns. Calls completed between the start and the end of the measured period count; their latency is recorded.
/// </summary>
internal sealed class ClosedLoopRunner
{
    private const int Warming = 0;
    private const int Measuring = 1;
    private const int Stopping = 2;
    private const int MaxErrors = 100;

    private readonly IBenchClient _client;
    private readonly string _text;
    private readonly LatencyHistogram _latency = new();
    private int _phase;
    private long _calls;
    private long _errors;
    private string? _firstError;

    private ClosedLoopRunner(IBenchClient client, int payloadBytes)
    {
        _client = client;
        _text = Payload.Text(payloadBytes);
    }

    public static async Task<CellMeasurement> RunAsync(
        IBenchClient client, CellSpec cell, CellTiming timing, CounterProbe probe, CancellationToken cancellationToken)
    {
        var runner = new ClosedLoopRunner(client, cell.PayloadBytes);
        var measurement = new CellMeasurement { Latency = runner._latency };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var callers = new Task[cell.Callers];
        for (var i = 0; i < callers.Length; i++)
        {
            callers[i] = Task.Run(() => runner.CallAsync(stop.Token), CancellationToken.None);
        }

        try
        {
            await runner.WaitAsync(timing.Warmup, cancellationToken);
            await probe.BeginAsync(measurement, cancellationToken);
            var start = Stopwatch.GetTimestamp();
            Volatile.Write(ref runner._phase, Measuring);

            await runner.WaitAsync(timing.Measure, cancellationToken);
            await probe.EndAsync(measurement, cancellationToken);
            Volatile.Write(ref runner._phase, Stopping);
            measurement.Seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            measurement.Calls = Interlocked.Read(ref runner._calls);
        }
        finally
        {
            Volatile.Write(ref runner._phase, Stopping);
            // Callers finish the call they are in; one that hangs is cut off after a grace period.
            stop.CancelAfter(TimeSpan.FromSeconds(10));
            await Task.WhenAll(callers);
        }

        measurement.Errors = runner._errors;
        measurement.FirstError = runner._firstError;
        return measurement;
    }

    // The periods end early once errors pile up: a failing system gets its cell marked failed, not minutes of errors.
    private async Task WaitAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(period.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until && Volatile.Read(ref _errors) < MaxErrors)
        {
            var left = TimeSpan.FromSeconds(Math.Max(0, until - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            await Task.Delay(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        if (Volatile.Read(ref _errors) >= MaxErrors)
        {
            throw new CellFailedException($"{MaxErrors} calls failed; the first: {_firstError}");
        }
    }

    private async Task CallAsync(CancellationToken cancellationToken)
    {
        var expected = _text.Length;
        while (Volatile.Read(ref _phase) != Stopping)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                var length = await _client.EchoAsync(_text, cancellationToken);
                var end = Stopwatch.GetTimestamp();
                if (length != expected)
                {
                    Fail($"the echo had {length} characters, expected {expected}");
                    continue;
                }

                if (Volatile.Read(ref _phase) == Measuring)
                {
                    _latency.Record(LatencyHistogram.Nanoseconds(start, end));
                    Interlocked.Increment(ref _calls);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Fail(ex.GetType().Name + ": " + ex.Message);
                if (Volatile.Read(ref _errors) >= MaxErrors)
                {
                    return;
                }
            }
        }
    }

    private void Fail(string error)
    {
        Interlocked.CompareExchange(ref _firstError, error, null);
        Interlocked.Increment(ref _errors);
    }
}

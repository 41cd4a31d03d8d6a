using System.Diagnostics;
using System.Runtime.CompilerServices;
using Parley.LoadTest.Systems;

namespace Parley.LoadTest.Measuring;

/// <summary>
/// W5: calls start on a fixed schedule (call i at start + i / rate) whatever the responses do, and each call's latency
/// runs from its scheduled start, not from when it was actually sent: a system that stalls is charged for every call
/// that the stall held back (no coordinated omission).
/// </summary>
/// <remarks>
/// A dedicated pacer thread sleeps until the next scheduled start and starts every call that is due, on the one
/// client, without waiting for any of them. Completions are recorded by pooled <see cref="InFlightCall"/> objects,
/// so the harness adds no allocation per call. At most <see cref="MaxInFlight"/> calls wait at once; a call due
/// beyond that is dropped and counted, which marks the system as unable to sustain the rate.
/// </remarks>
internal sealed class OpenLoopRunner
{
    public const int MaxInFlight = 4_000;
    private const int MaxErrors = 100;

    private readonly IBenchClient _client;
    private readonly string _text;
    private readonly CancellationToken _cancellationToken;
    private readonly LatencyHistogram _latency = new();
    private readonly LatencyHistogram _lag = new();
    private readonly Stack<InFlightCall> _pool = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _inFlight;
    private long _maxInFlight;
    private long _calls;
    private long _errors;
    private long _dropped;
    private long _lastCompletion;
    private int _pacingDone;
    private string? _firstError;

    private OpenLoopRunner(IBenchClient client, int payloadBytes, CancellationToken cancellationToken)
    {
        _client = client;
        _text = Payload.Text(payloadBytes);
        _cancellationToken = cancellationToken;
    }

    public static async Task<CellMeasurement> RunAsync(
        IBenchClient client, CellSpec cell, CellTiming timing, CounterProbe probe, CancellationToken cancellationToken)
    {
        var rate = cell.TargetRate ?? throw new ArgumentException("an open-loop cell needs a rate", nameof(cell));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var runner = new OpenLoopRunner(client, cell.PayloadBytes, stop.Token);
        var measurement = new CellMeasurement { Latency = runner._latency, PacerLag = runner._lag };

        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        var measureStart = start + Ticks(timing.Warmup);
        var measureEnd = measureStart + Ticks(timing.Measure);
        var pacer = new Thread(() => runner.Pace(rate, start, measureStart, measureEnd))
        {
            IsBackground = true,
            Name = "open-loop pacer",
        };
        pacer.Start();

        try
        {
            await Task.Delay(Until(measureStart), cancellationToken);
            await probe.BeginAsync(measurement, cancellationToken);
            await Task.Delay(Until(measureEnd), cancellationToken);
            // Calls scheduled in the measured period count even when they end after it; so does the CPU they use.
            await runner._drained.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            await probe.EndAsync(measurement, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new CellFailedException($"{Volatile.Read(ref runner._inFlight)} calls were still in flight 30 s after the last was started");
        }
        finally
        {
            await stop.CancelAsync();
            pacer.Join();
        }

        if (Volatile.Read(ref runner._errors) >= MaxErrors)
        {
            throw new CellFailedException($"{MaxErrors} calls failed; the first: {runner._firstError}");
        }

        measurement.Calls = Volatile.Read(ref runner._calls);
        measurement.Errors = Volatile.Read(ref runner._errors);
        measurement.Dropped = Volatile.Read(ref runner._dropped);
        measurement.MaxInFlight = Volatile.Read(ref runner._maxInFlight);
        measurement.FirstError = runner._firstError;
        var end = Math.Max(Volatile.Read(ref runner._lastCompletion), measureEnd);
        measurement.Seconds = (end - measureStart) / (double)Stopwatch.Frequency;
        return measurement;
    }

    private void Pace(int rate, long start, long measureStart, long measureEnd)
    {
        PreciseSleep.TightenTimerSlack();
        var ticksPerCall = Stopwatch.Frequency / (double)rate;
        try
        {
            for (long i = 0; !_cancellationToken.IsCancellationRequested && Volatile.Read(ref _errors) < MaxErrors; i++)
            {
                var intended = start + (long)(i * ticksPerCall);
                if (intended >= measureEnd)
                {
                    break;
                }

                var now = Stopwatch.GetTimestamp();
                if (now < intended)
                {
                    PreciseSleep.Sleep(LatencyHistogram.Nanoseconds(now, intended));
                    now = Stopwatch.GetTimestamp();
                }

                var measured = intended >= measureStart;
                if (measured)
                {
                    _lag.Record(LatencyHistogram.Nanoseconds(intended, now));
                }

                if (Volatile.Read(ref _inFlight) >= MaxInFlight)
                {
                    if (measured)
                    {
                        Interlocked.Increment(ref _dropped);
                    }

                    continue;
                }

                Rent().Start(intended, measured);
            }
        }
        finally
        {
            Volatile.Write(ref _pacingDone, 1);
            if (Interlocked.Read(ref _inFlight) == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    private InFlightCall Rent()
    {
        lock (_pool)
        {
            if (_pool.TryPop(out var call))
            {
                return call;
            }
        }

        return new InFlightCall(this);
    }

    private void Completed(InFlightCall call, long intended, bool measured, string? error)
    {
        if (error is not null)
        {
            Interlocked.CompareExchange(ref _firstError, error, null);
            Interlocked.Increment(ref _errors);
        }
        else if (measured)
        {
            var now = Stopwatch.GetTimestamp();
            _latency.Record(LatencyHistogram.Nanoseconds(intended, now));
            Interlocked.Increment(ref _calls);
            var last = Volatile.Read(ref _lastCompletion);
            while (now > last)
            {
                var seen = Interlocked.CompareExchange(ref _lastCompletion, now, last);
                if (seen == last)
                {
                    break;
                }

                last = seen;
            }
        }

        lock (_pool)
        {
            _pool.Push(call);
        }

        // The pacer sets its flag before reading the count, and a completion lowers the count before reading the flag:
        // whichever comes second sees the other, so the last call in flight is never missed.
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _pacingDone) == 1)
        {
            _drained.TrySetResult();
        }
    }

    private void Started()
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        if (inFlight > Volatile.Read(ref _maxInFlight))
        {
            Volatile.Write(ref _maxInFlight, inFlight); // only the pacer thread writes it
        }
    }

    private static long Ticks(TimeSpan period) => (long)(period.TotalSeconds * Stopwatch.Frequency);

    private static TimeSpan Until(long timestamp) =>
        TimeSpan.FromSeconds(Math.Max(0, timestamp - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);

    /// <summary>One call in flight: reused from call to call, with its continuation made once.</summary>
    private sealed class InFlightCall
    {
        private readonly OpenLoopRunner _owner;
        private readonly Action _onCompleted;
        private ValueTaskAwaiter<int> _awaiter;
        private long _intended;
        private bool _measured;

        public InFlightCall(OpenLoopRunner owner)
        {
            _owner = owner;
            _onCompleted = OnCompleted;
        }

        public void Start(long intended, bool measured)
        {
            _intended = intended;
            _measured = measured;
            _owner.Started();
            try
            {
                // The awaiter is kept so that the continuation, made once, reads the result exactly once: the
                // ValueTask is consumed once, after it completes, which is what the rule below guards.
#pragma warning disable CA2012
                _awaiter = _owner._client.EchoAsync(_owner._text, _owner._cancellationToken).GetAwaiter();
#pragma warning restore CA2012
            }
            catch (Exception ex)
            {
                _owner.Completed(this, intended, measured, ex.GetType().Name + ": " + ex.Message);
                return;
            }

            if (_awaiter.IsCompleted)
            {
                OnCompleted();
            }
            else
            {
                _awaiter.UnsafeOnCompleted(_onCompleted);
            }
        }

        private void OnCompleted()
        {
            string? error = null;
            try
            {
                var length = _awaiter.GetResult();
                if (length != _owner._text.Length)
                {
                    error = $"the echo had {length} characters, expected {_owner._text.Length}";
                }
            }
            catch (Exception ex)
            {
                error = ex.GetType().Name + ": " + ex.Message;
            }

            _awaiter = default;
            _owner.Completed(this, _intended, _measured, error);
        }
    }
}

using Parley.Balancing;
using Parley.Client;
using Polly;
using Polly.CircuitBreaker;
using Polly.Hedging;
using Polly.Retry;

namespace Parley.Cluster;

/// <summary>
/// Makes a unary call through a cluster: each attempt picks an instance, passes its circuit breaker and uses one of
/// its connections; Polly's retry (or, for idempotent calls with hedging on, its hedging) repeats attempts that may
/// be repeated, inside the call's deadline and the retry budget. Thread-safe.
/// </summary>
internal sealed class ClusterInvoker
{
    private static readonly ResiliencePropertyKey<ClusterCall> CallKey = new("Parley.ClusterCall");

    private readonly ClusterChannel _channel;
    private readonly RetryOptions _retry;
    private readonly ResiliencePipeline<CallResult> _retrying;
    private readonly ResiliencePipeline<CallResult>? _hedging;
    private long _retries;
    private long _hedges;
    private long _stoppedByDeadline;

    public ClusterInvoker(ClusterChannel channel, ClusterOptions options, TimeProvider time)
    {
        _channel = channel;
        _retry = options.Retry;
        _retrying = _retry.MaxAttempts == 1
            ? ResiliencePipeline<CallResult>.Empty
            : new ResiliencePipelineBuilder<CallResult> { TimeProvider = time }
                .AddRetry(new RetryStrategyOptions<CallResult>
                {
                    MaxRetryAttempts = _retry.MaxAttempts - 1,
                    ShouldHandle = args => new ValueTask<bool>(
                        args.Outcome.Exception is null && ShouldRetry(args.Outcome.Result, CallOf(args.Context), args.AttemptNumber)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(CallOf(args.Context).NextDelay),
                })
                .Build();
        if (options.Hedging is { } hedging)
        {
            _hedging = new ResiliencePipelineBuilder<CallResult> { TimeProvider = time }
                .AddHedging(new HedgingStrategyOptions<CallResult>
                {
                    MaxHedgedAttempts = hedging.MaxAttempts - 1,
                    Delay = hedging.Delay,
                    ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is null && IsRetryable(args.Outcome.Result, CallOf(args.Context))),
                    ActionGenerator = args => Hedge(args.PrimaryContext, args.ActionContext),
                })
                .Build();
        }
    }

    /// <summary>Attempts after the first, retries and hedges both.</summary>
    public long Retries => Interlocked.Read(ref _retries) + Interlocked.Read(ref _hedges);

    /// <summary>Hedged attempts sent.</summary>
    public long Hedges => Interlocked.Read(ref _hedges);

    /// <summary>Retries not made because the deadline would pass first.</summary>
    public long StoppedByDeadline => Interlocked.Read(ref _stoppedByDeadline);

    public static ulong? HashOf(CallOptions? options) =>
        options?.HashKey is { } key ? ConsistentHashBalancer.HashKey(key) : null;

    /// <summary>
    /// Makes the call, whose deadline is <paramref name="request"/>'s timeout from <paramref name="startedAt"/>; returns
    /// the answer of the attempt that succeeded, or of the last one.
    /// </summary>
    public async ValueTask<CallResult> CallAsync(
        OutgoingCall request, CallOptions? options, long startedAt, CancellationToken cancellationToken)
    {
        var call = new ClusterCall(
            request, options?.Idempotent ?? false, HashOf(options), options?.WaitForReady ?? false, startedAt, _channel.Time, cancellationToken);
        _channel.Budget.CallStarted();
        var pipeline = call.Idempotent && _hedging is not null ? _hedging : _retrying;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        try
        {
            return await pipeline.ExecuteAsync(static (context, state) => state.Invoker.AttemptAsync(context, state.Call), context, (Invoker: this, Call: call));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CallResult.Failure(StatusCode.Cancelled, "the call was cancelled by the caller"); // while waiting to retry
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static ClusterCall CallOf(ResilienceContext context) => context.Properties.GetValue(CallKey, null!);

    // One attempt: an instance the call has not tried where possible, through its breaker. A breaker that refuses
    // sends nothing, so another instance is picked at once.
    private async ValueTask<CallResult> AttemptAsync(ResilienceContext context, ClusterCall call)
    {
        for (var refused = 0; ; refused++)
        {
            if (!call.Fits(TimeSpan.Zero))
            {
                return CallResult.Failure(StatusCode.DeadlineExceeded,
                    $"the call's timeout ran out before an attempt could start ({_channel.Service})");
            }

            var instance = await _channel.PickAsync(call);
            if (call.CancellationToken.IsCancellationRequested)
            {
                return CallResult.Failure(StatusCode.Cancelled, "the call was cancelled by the caller");
            }

            if (instance is null)
            {
                return call.Fits(TimeSpan.Zero)
                    ? CallResult.NotSent(StatusCode.Unavailable, $"no instance of {_channel.Service} is available: {_channel.NoInstanceReason()}")
                    : CallResult.Failure(StatusCode.DeadlineExceeded, $"no instance of {_channel.Service} became available within the call's timeout");
            }

            call.Tried(instance);
            try
            {
                return await instance.ExecuteAsync(
                    static (context, state) => state.Invoker.SendAsync(context, state.Call, state.Instance),
                    context, (Invoker: this, Call: call, Instance: instance));
            }
            catch (AttemptCancelledException)
            {
                return CallResult.Failure(StatusCode.Cancelled, call.CancellationToken.IsCancellationRequested
                    ? "the call was cancelled by the caller"
                    : "another copy of the call answered first");
            }
            catch (BrokenCircuitException) when (refused < 8)
            {
                // open, or half-open with its probe out: try another instance
            }
            catch (BrokenCircuitException ex)
            {
                return CallResult.NotSent(StatusCode.Unavailable, $"the circuit breakers of {_channel.Service}'s instances are open: {ex.Message}");
            }
        }
    }

    private async ValueTask<CallResult> SendAsync(ResilienceContext context, ClusterCall call, ClusterInstance instance)
    {
        var cancellationToken = context.CancellationToken;
        var result = await SendCoreAsync(call, instance, call.Remaining, cancellationToken);
        if (cancellationToken.IsCancellationRequested && result.Status == StatusCode.Cancelled)
        {
            // Cancelled by the caller, or a hedge another copy beat: says nothing about the instance, so its breaker
            // must count it neither way (an exception it does not handle is neutral to it).
            throw new AttemptCancelledException();
        }

        if (instance.Record(result))
        {
            _channel.QueueRefresh();
        }

        return result;
    }

    private static async ValueTask<CallResult> SendCoreAsync(ClusterCall call, ClusterInstance instance, TimeSpan remaining, CancellationToken cancellationToken)
    {
        ClientConnection connection;
        try
        {
            var pending = instance.Pool.GetConnectionAsync(call.WaitForReady, cancellationToken);
            connection = pending.IsCompletedSuccessfully || remaining == Timeout.InfiniteTimeSpan
                ? await pending
                : await pending.AsTask().WaitAsync(remaining, instance.Pool.Time, cancellationToken);
        }
        catch (RpcException ex)
        {
            return CallResult.NotSent(StatusCode.Unavailable, $"instance {instance.Instance.Id}: {ex.Detail}");
        }
        catch (TimeoutException)
        {
            return CallResult.Failure(StatusCode.DeadlineExceeded,
                $"no connection to instance {instance.Instance.Id} became ready within the call's timeout");
        }
        catch (OperationCanceledException)
        {
            return CallResult.Failure(StatusCode.Cancelled, "the call was cancelled by the caller");
        }

        var timeout = call.Remaining;
        if (timeout == TimeSpan.Zero)
        {
            return CallResult.Failure(StatusCode.DeadlineExceeded, "the call's timeout ran out before it could be sent");
        }

        instance.Endpoint.CallStarted();
        try
        {
            return await connection.CallAsync(call.Request with { Timeout = timeout }, cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted)
        {
            // Thrown before the request was written: the connection closed, or its table of calls is full.
            return CallResult.NotSent(ex.StatusCode, $"instance {instance.Instance.Id}: {ex.Detail}");
        }
        catch (RpcException ex)
        {
            return CallResult.Failure(ex); // the request could not be encoded; no other attempt will do better
        }
        finally
        {
            instance.Endpoint.CallEnded();
        }
    }

    private bool IsRetryable(in CallResult result, ClusterCall call) =>
        result.Status != StatusCode.Ok
        && !call.CancellationToken.IsCancellationRequested
        && (result.NotProcessed || (call.Idempotent && _retry.RetryableStatusCodes.Contains(result.Status)));

    // Decides a retry: retryable, inside the deadline after the backoff, and allowed by the budget. A call that was
    // not sent goes straight to an instance it has not tried; otherwise the wait is random up to a ceiling that
    // doubles per attempt ("full jitter"), so that callers that failed together do not retry together.
    private bool ShouldRetry(in CallResult result, ClusterCall call, int attempt)
    {
        if (!IsRetryable(result, call))
        {
            return false;
        }

        var delay = result.NotProcessed && _channel.HasUntried(call) ? TimeSpan.Zero : FullJitter(attempt);
        if (!call.Fits(delay))
        {
            Interlocked.Increment(ref _stoppedByDeadline);
            return false;
        }

        if (!_channel.Budget.TryRetry())
        {
            return false;
        }

        call.NextDelay = delay;
        Interlocked.Increment(ref _retries);
        return true;
    }

    private TimeSpan FullJitter(int attempt)
    {
        var ceiling = Math.Min(_retry.MaxBackoff.TotalMilliseconds, _retry.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    // The next hedged copy, unless the deadline is too close or the budget is spent.
    private Func<ValueTask<Outcome<CallResult>>>? Hedge(ResilienceContext primary, ResilienceContext action)
    {
        var call = CallOf(primary);
        if (!call.Fits(TimeSpan.Zero) || call.CancellationToken.IsCancellationRequested || !_channel.Budget.TryRetry())
        {
            return null;
        }

        Interlocked.Increment(ref _hedges);
        return async () => Outcome.FromResult(await AttemptAsync(action, call));
    }

    /// <summary>Carries a cancelled attempt out through the instance's breaker without counting it.</summary>
    private sealed class AttemptCancelledException : Exception;
}

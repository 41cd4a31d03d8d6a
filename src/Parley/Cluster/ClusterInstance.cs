using Microsoft.Extensions.Logging;
using Parley.Balancing;
using Parley.Client;
using Parley.Discovery;
using Polly;
using Polly.CircuitBreaker;

namespace Parley.Cluster;

/// <summary>
/// One instance of the service as the client keeps it: its registration, its connections, its health (outlier
/// ejection and circuit breaker) and the balancer's view of it. Thread-safe.
/// </summary>
internal sealed class ClusterInstance
{
    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action _stateChanged;
    private readonly ResiliencePipeline<CallResult>? _breaker;
    private readonly CircuitBreakerStateProvider? _breakerState;
    private readonly IReadOnlySet<StatusCode> _failureStatusCodes;
    private int _breakerOpenings; // bumped each time the breaker opens, so that only the latest opening's timer ends it
    private volatile bool _breakerOpen;
    private long _failures;

    public ClusterInstance(ServiceInstance instance, InstancePool pool, ClusterOptions options, TimeProvider time, ILogger logger, Action stateChanged)
    {
        Endpoint = new BalancerEndpoint(instance) { Owner = this };
        Pool = pool;
        _options = options;
        _time = time;
        _logger = logger;
        _stateChanged = stateChanged;
        Outliers = new OutlierDetector(options.HealthChecks, time);
        _failureStatusCodes = options.CircuitBreaker?.FailureStatusCodes ?? InstanceFailures.DefaultStatusCodes;
        if (options.CircuitBreaker is { } breaker)
        {
            _breakerState = new CircuitBreakerStateProvider();
            _breaker = new ResiliencePipelineBuilder<CallResult> { TimeProvider = time }
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions<CallResult>
                {
                    FailureRatio = breaker.FailureRatio,
                    MinimumThroughput = breaker.MinimumThroughput,
                    SamplingDuration = breaker.SamplingDuration,
                    BreakDuration = breaker.BreakDuration,
                    StateProvider = _breakerState,
                    ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is null && IsFailure(args.Outcome.Result)),
                    OnOpened = args =>
                    {
                        var opening = Interlocked.Increment(ref _breakerOpenings);
                        _breakerOpen = true;
                        ClusterLog.BreakerOpened(_logger, Instance.Service, Instance.Id, args.BreakDuration);
                        _stateChanged();
                        // The balancer leaves the instance out while open; this brings it back for the half-open probe.
                        _ = EndBreakAfterAsync(args.BreakDuration, opening);
                        return default;
                    },
                    OnClosed = _ =>
                    {
                        Interlocked.Increment(ref _breakerOpenings);
                        _breakerOpen = false;
                        ClusterLog.BreakerClosed(_logger, Instance.Service, Instance.Id);
                        _stateChanged();
                        return default;
                    },
                })
                .Build();
        }
    }

    public ServiceInstance Instance => Endpoint.Instance;

    public BalancerEndpoint Endpoint { get; }

    public InstancePool Pool { get; }

    public OutlierDetector Outliers { get; }

    /// <summary>Calls that failed because of the instance.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Whether the balancer may pick it now, and if not, why.</summary>
    public InstanceState State
    {
        get
        {
            if (Instance.Health == InstanceHealth.Draining)
            {
                return InstanceState.Draining;
            }

            if (Instance.Health == InstanceHealth.Unhealthy)
            {
                return InstanceState.Unhealthy;
            }

            if (Outliers.IsEjected)
            {
                return InstanceState.Ejected;
            }

            if (_breakerOpen || _breakerState?.CircuitState == CircuitState.Isolated)
            {
                return InstanceState.CircuitOpen;
            }

            return Pool.IsFailing ? InstanceState.Unreachable : InstanceState.Available;
        }
    }

    /// <summary>Replaces the registration (weight, metadata, health) of the same instance at the same address.</summary>
    public void Update(ServiceInstance instance) => Endpoint.Instance = instance;

    /// <summary>
    /// Runs one attempt through the instance's circuit breaker. Throws <see cref="BrokenCircuitException"/> when the
    /// breaker refuses it (open, or half-open with its probe already out): the attempt was not sent.
    /// </summary>
    public ValueTask<CallResult> ExecuteAsync<TState>(
        Func<ResilienceContext, TState, ValueTask<CallResult>> attempt, ResilienceContext context, TState state) =>
        _breaker is null ? attempt(context, state) : _breaker.ExecuteAsync(attempt, context, state);

    /// <summary>Counts an attempt's outcome for outlier ejection; true when it ejected the instance.</summary>
    public bool Record(in CallResult result)
    {
        var failed = IsFailure(result);
        if (failed)
        {
            Interlocked.Increment(ref _failures);
        }

        if (!Outliers.Record(failed))
        {
            return false;
        }

        LogEjected($"{_options.HealthChecks.ConsecutiveFailures} failed calls in a row, the last {result.Status}: {result.Message}");
        return true;
    }

    /// <summary>Ejects the instance at once (see <see cref="OutlierDetector.Eject"/>) and logs why; false when it already was.</summary>
    public bool Eject(string reason)
    {
        if (!Outliers.Eject())
        {
            return false;
        }

        LogEjected(reason);
        return true;
    }

    private void LogEjected(string reason) =>
        ClusterLog.InstanceEjected(_logger, Instance.Service, Instance.Id, Outliers.Ejections, reason);

    private bool IsFailure(in CallResult result) => result.Status != StatusCode.Ok && _failureStatusCodes.Contains(result.Status);

    // After the break the breaker is half-open: the instance goes back to the balancer, and the breaker lets one call
    // through as the probe (others it refuses are sent elsewhere). A later opening has its own timer.
    private async Task EndBreakAfterAsync(TimeSpan breakDuration, int opening)
    {
        await Task.Delay(breakDuration, _time);
        if (Volatile.Read(ref _breakerOpenings) == opening)
        {
            _breakerOpen = false;
            _stateChanged();
        }
    }
}

using Parley.Balancing;

namespace Parley.Cluster;

/// <summary>
/// How a client spreads calls over the instances of a service it finds through a registry (<c>registry://name</c>):
/// the balancer, the connections kept per instance, health checks, retries, hedging and circuit breakers. Each part
/// is described in docs/balancing.md and docs/resilience.md.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>Makes the balancer for one client (a balancer keeps state, so every client gets its own).</summary>
    /// <value>Default round robin.</value>
    public Func<ILoadBalancer> LoadBalancer { get; set; } = static () => new RoundRobinBalancer();

    /// <summary>The connections kept to each instance.</summary>
    public ConnectionPoolOptions ConnectionPool { get; set; } = new();

    /// <summary>Heartbeats and outlier ejection.</summary>
    public HealthCheckOptions HealthChecks { get; set; } = new();

    /// <summary>When and how often a failed call is tried again.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Extra copies of a slow idempotent call sent to other instances; null (the default) sends none.</summary>
    public HedgingOptions? Hedging { get; set; }

    /// <summary>A circuit breaker per instance; null turns breakers off.</summary>
    /// <value>Default <see cref="CircuitBreakerOptions"/> defaults.</value>
    public CircuitBreakerOptions? CircuitBreaker { get; set; } = new();

    /// <summary>
    /// How long an instance that left the registry keeps its connections for the calls still running on it; calls
    /// still running after this fail with UNAVAILABLE.
    /// </summary>
    /// <value>Default 30 s.</value>
    public TimeSpan RemovedInstanceGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(LoadBalancer);
        ArgumentNullException.ThrowIfNull(ConnectionPool);
        ArgumentNullException.ThrowIfNull(HealthChecks);
        ArgumentNullException.ThrowIfNull(Retry);
        OptionsGuard.Positive(RemovedInstanceGracePeriod, nameof(RemovedInstanceGracePeriod));
        ConnectionPool.Validate();
        HealthChecks.Validate();
        Retry.Validate();
        Hedging?.Validate();
        CircuitBreaker?.Validate();
    }

    internal ClusterOptions Clone() => new()
    {
        LoadBalancer = LoadBalancer,
        ConnectionPool = ConnectionPool.Clone(),
        HealthChecks = HealthChecks.Clone(),
        Retry = Retry.Clone(),
        Hedging = Hedging?.Clone(),
        CircuitBreaker = CircuitBreaker?.Clone(),
        RemovedInstanceGracePeriod = RemovedInstanceGracePeriod,
    };
}

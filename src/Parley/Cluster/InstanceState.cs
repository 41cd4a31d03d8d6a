namespace Parley.Cluster;

/// <summary>Whether the balancer may pick an instance now, and if not, why.</summary>
public enum InstanceState
{
    /// <summary>Takes calls.</summary>
    Available,

    /// <summary>Registered as draining: no new calls; running calls finish.</summary>
    Draining,

    /// <summary>Registered as unhealthy: no calls.</summary>
    Unhealthy,

    /// <summary>No connection could be opened (the last attempt failed); retried in the background.</summary>
    Unreachable,

    /// <summary>Ejected after failed calls or an unanswered heartbeat, until a heartbeat probe succeeds after the ejection time.</summary>
    Ejected,

    /// <summary>Its circuit breaker is open.</summary>
    CircuitOpen,
}

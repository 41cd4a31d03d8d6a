namespace Parley.Discovery;

/// <summary>What an instance says about itself in the registry.</summary>
public enum InstanceHealth
{
    /// <summary>Serving: balancers may send it calls.</summary>
    Healthy = 0,

    /// <summary>Finishing its calls before it stops: it gets no new calls, and its calls in flight complete.</summary>
    Draining = 1,

    /// <summary>Registered but not able to serve (its own checks failed): it gets no calls.</summary>
    Unhealthy = 2,
}

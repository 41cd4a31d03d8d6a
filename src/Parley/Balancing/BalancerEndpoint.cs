using Parley.Discovery;

namespace Parley.Balancing;

/// <summary>
/// One instance as a balancer sees it: the instance and the calls in flight on it, which the client counts as calls
/// start and end. The same object stays for an instance across snapshots, so its count survives registry changes.
/// </summary>
public sealed class BalancerEndpoint(ServiceInstance instance)
{
    private int _outstanding;

    /// <summary>The instance; replaced when a snapshot changes its weight, metadata or health.</summary>
    public ServiceInstance Instance { get; internal set; } = instance;

    /// <summary>What the client keeps for this endpoint (its connections and health).</summary>
    internal object? Owner { get; init; }

    /// <summary>Calls sent to the instance that have not completed.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>Counts a call sent to the instance.</summary>
    public void CallStarted() => Interlocked.Increment(ref _outstanding);

    /// <summary>Counts a call to the instance that has completed, however it ended.</summary>
    public void CallEnded() => Interlocked.Decrement(ref _outstanding);
}

using Parley.Client;

namespace Parley.Cluster;

/// <summary>
/// One unary call through a cluster, across its attempts: what to send, its deadline (the request's timeout from
/// <paramref name="startedAt"/>, a timestamp of <paramref name="time"/>), and where it has been.
/// </summary>
internal sealed class ClusterCall(
    OutgoingCall request, bool idempotent, ulong? hashKey, bool waitForReady, long startedAt, TimeProvider time, CancellationToken cancellationToken)
{
    private readonly List<ClusterInstance> _tried = [];

    public OutgoingCall Request { get; } = request;

    public bool Idempotent { get; } = idempotent;

    public ulong? HashKey { get; } = hashKey;

    public bool WaitForReady { get; } = waitForReady;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The wait before the next attempt, chosen when the retry was decided.</summary>
    public TimeSpan NextDelay { get; set; }

    /// <summary>Time left until the deadline; <see cref="Timeout.InfiniteTimeSpan"/> when the call has none.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var timeout = Request.Timeout;
            if (timeout == Timeout.InfiniteTimeSpan)
            {
                return timeout;
            }

            var left = timeout - time.GetElapsedTime(startedAt);
            return left <= TimeSpan.Zero ? TimeSpan.Zero : left;
        }
    }

    /// <summary>True when <paramref name="wait"/> and at least a moment for the attempt fit before the deadline.</summary>
    public bool Fits(TimeSpan wait)
    {
        var remaining = Remaining;
        return remaining == Timeout.InfiniteTimeSpan || remaining > wait + TimeSpan.FromMilliseconds(1);
    }

    public void Tried(ClusterInstance instance)
    {
        lock (_tried)
        {
            _tried.Add(instance);
        }
    }

    public bool HasTried(ClusterInstance instance)
    {
        lock (_tried)
        {
            return _tried.Contains(instance);
        }
    }
}

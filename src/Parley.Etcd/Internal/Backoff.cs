namespace Parley.Etcd.Internal;

/// <summary>
/// Waits between attempts to reach etcd: the first is the initial backoff, each next one twice the last, up to the
/// maximum. Each wait is drawn between half and all of that, so that the instances of a fleet that lost etcd together
/// do not all come back at the same moment. Not thread-safe: one per loop.
/// </summary>
internal sealed class Backoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public Backoff(TimeSpan initial, TimeSpan max)
    {
        _initial = _next = initial;
        _max = max;
    }

    public TimeSpan Next()
    {
        var ceiling = _next;
        _next = ceiling * 2 < _max ? ceiling * 2 : _max;
        return ceiling * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    public void Reset() => _next = _initial;
}

namespace Parley.Client;

/// <summary>
/// The calls in flight on one connection, by request id, with a cap. A call is registered before its frame is sent and
/// removed by exactly one party, which then completes it. Thread-safe.
/// </summary>
internal sealed class PendingCallTable(int capacity)
{
    private readonly Dictionary<ulong, PendingCall> _calls = [];
    private bool _closed;

    public int Count
    {
        get
        {
            lock (_calls)
            {
                return _calls.Count;
            }
        }
    }

    public int Capacity => capacity;

    public PendingCallAddResult TryAdd(PendingCall call)
    {
        lock (_calls)
        {
            if (_closed)
            {
                return PendingCallAddResult.Closed;
            }

            if (_calls.Count >= capacity)
            {
                return PendingCallAddResult.Full;
            }

            _calls.Add(call.RequestId, call);
            return PendingCallAddResult.Added;
        }
    }

    public bool TryRemove(ulong requestId, out PendingCall? call)
    {
        lock (_calls)
        {
            return _calls.Remove(requestId, out call);
        }
    }

    public bool TryGet(ulong requestId, out PendingCall? call)
    {
        lock (_calls)
        {
            return _calls.TryGetValue(requestId, out call);
        }
    }

    /// <summary>Removes and returns the calls whose id is above <paramref name="lastRequestId"/>.</summary>
    public List<PendingCall> RemoveAbove(ulong lastRequestId)
    {
        var removed = new List<PendingCall>();
        lock (_calls)
        {
            foreach (var (id, call) in _calls)
            {
                if (id > lastRequestId)
                {
                    removed.Add(call);
                }
            }

            foreach (var call in removed)
            {
                _calls.Remove(call.RequestId);
            }
        }

        return removed;
    }

    /// <summary>Refuses new calls from now on and removes every registered call, for the caller to fail.</summary>
    public List<PendingCall> CloseAndRemoveAll()
    {
        lock (_calls)
        {
            _closed = true;
            var all = new List<PendingCall>(_calls.Values);
            _calls.Clear();
            return all;
        }
    }
}

using Parley.Connections;

namespace Parley.Client;

/// <summary>
/// The calls in flight on one connection, by request id, with a cap and their deadlines. A call is registered before
/// its frame is sent and removed by exactly one party, which then completes it; a call whose deadline passes is
/// removed by the table and handed to <c>expire</c>. Thread-safe.
/// </summary>
internal sealed class PendingCallTable
{
    // Enough spare objects for the calls a busy connection completes between two of its callers' next calls.
    private const int MaxSpare = 256;

    private readonly Dictionary<ulong, PendingCall> _calls = [];
    private readonly Stack<PendingCall> _spare = new();
    private readonly DeadlineQueue _deadlines;
    private readonly int _capacity;
    private bool _closed;

    public PendingCallTable(int capacity, TimeProvider time, Action<PendingCall> expire)
    {
        _capacity = capacity;
        _deadlines = new DeadlineQueue(_calls, time,
            claim: item => _calls.Remove(((PendingCall)item).RequestId),
            expire: item => expire((PendingCall)item));
    }

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

    public int Capacity => _capacity;

    /// <summary>A call object for request <paramref name="requestId"/>: a spare one when there is one.</summary>
    public PendingCall Rent(ulong requestId, TimeSpan timeout)
    {
        PendingCall? call;
        lock (_calls)
        {
            _spare.TryPop(out call);
        }

        call ??= new PendingCall();
        call.RequestId = requestId;
        call.Timeout = timeout;
        return call;
    }

    /// <summary>
    /// Keeps a completed call's object for reuse. Only once its result has been read and nothing can reach it any more:
    /// it is out of the table, and its cancellation registration is disposed.
    /// </summary>
    public void Return(PendingCall call)
    {
        call.Reset();
        lock (_calls)
        {
            if (_spare.Count < MaxSpare)
            {
                _spare.Push(call);
            }
        }
    }

    /// <summary>Registers <paramref name="call"/>; with a timeout, the table expires it when its deadline passes.</summary>
    public PendingCallAddResult TryAdd(PendingCall call)
    {
        lock (_calls)
        {
            if (_closed)
            {
                return PendingCallAddResult.Closed;
            }

            if (_calls.Count >= _capacity)
            {
                return PendingCallAddResult.Full;
            }

            _calls.Add(call.RequestId, call);
            if (call.Timeout != Timeout.InfiniteTimeSpan)
            {
                _deadlines.Add(call, _deadlines.DeadlineAfter(call.Timeout));
            }

            return PendingCallAddResult.Added;
        }
    }

    public bool TryRemove(ulong requestId, out PendingCall? call)
    {
        lock (_calls)
        {
            if (!_calls.Remove(requestId, out call))
            {
                return false;
            }

            _deadlines.Remove(call);
            return true;
        }
    }

    public bool TryGet(ulong requestId, out PendingCall? call)
    {
        lock (_calls)
        {
            return _calls.TryGetValue(requestId, out call);
        }
    }

    /// <summary>
    /// For a GOAWAY: refuses new calls from now on (their ids would all be above <paramref name="lastRequestId"/>, which
    /// the server no longer takes) and removes and returns the registered calls above it. Calls at or below it stay.
    /// </summary>
    public List<PendingCall> CloseAbove(ulong lastRequestId)
    {
        var removed = new List<PendingCall>();
        lock (_calls)
        {
            _closed = true;
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
                _deadlines.Remove(call);
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
            _deadlines.Close();
            return all;
        }
    }
}

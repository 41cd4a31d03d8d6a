namespace Parley.Client;

/// <summary>The counters behind <see cref="RpcClientStatistics"/> and the client's metrics. Thread-safe.</summary>
internal sealed class ClientCounters
{
    private long _activeCalls;
    private long _lateResponses;
    private long _connectionsOpened;

    public long ActiveCalls => Volatile.Read(ref _activeCalls);

    public long LateResponses => Volatile.Read(ref _lateResponses);

    public long ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    public void CallStarted() => Interlocked.Increment(ref _activeCalls);

    public void CallEnded() => Interlocked.Decrement(ref _activeCalls);

    public void LateResponse() => Interlocked.Increment(ref _lateResponses);

    public void ConnectionOpened() => Interlocked.Increment(ref _connectionsOpened);
}

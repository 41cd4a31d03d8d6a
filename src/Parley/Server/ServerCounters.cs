namespace Parley.Server;

/// <summary>The counters behind <see cref="RpcServerStatistics"/> and the server's metrics. Thread-safe.</summary>
internal sealed class ServerCounters
{
    private long _activeCalls;
    private long _connections;
    private long _callsCompleted;
    private long _protocolErrors;

    public long ActiveCalls => Volatile.Read(ref _activeCalls);

    public long Connections => Volatile.Read(ref _connections);

    public long CallsCompleted => Volatile.Read(ref _callsCompleted);

    public long ProtocolErrors => Volatile.Read(ref _protocolErrors);

    public void CallStarted() => Interlocked.Increment(ref _activeCalls);

    public void CallEnded()
    {
        Interlocked.Decrement(ref _activeCalls);
        Interlocked.Increment(ref _callsCompleted);
    }

    public void ConnectionOpened() => Interlocked.Increment(ref _connections);

    public void ConnectionClosed() => Interlocked.Decrement(ref _connections);

    public void ProtocolError() => Interlocked.Increment(ref _protocolErrors);
}

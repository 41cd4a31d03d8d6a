namespace Parley.ClusterNode;

/// <summary>Serves <see cref="INodeService"/> as the node named <paramref name="id"/>. Thread-safe.</summary>
internal sealed class NodeService(string id) : INodeService
{
    private int _served;

    public Task<string> WhoAmIAsync()
    {
        Interlocked.Increment(ref _served);
        return Task.FromResult(id);
    }

    public Task<string> WorkAsync(int delayMs, CancellationToken cancellationToken) => DelayAsync(delayMs, cancellationToken);

    public Task<string> RecordAsync(int delayMs, CancellationToken cancellationToken) => DelayAsync(delayMs, cancellationToken);

    public Task<int> CountAsync() => Task.FromResult(Volatile.Read(ref _served));

    // Counted on arrival, not on completion: a call cut off by a crash or a deadline still ran on this node.
    private async Task<string> DelayAsync(int delayMs, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _served);
        await Task.Delay(delayMs, cancellationToken);
        return id;
    }
}

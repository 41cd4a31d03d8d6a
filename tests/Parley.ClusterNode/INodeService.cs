namespace Parley.ClusterNode;

/// <summary>
/// The contract every cluster node serves: calls that say which node answered, take as long as asked, and count what
/// the node has served, so that tests can see where calls went and whether a retry ran a call twice.
/// </summary>
[RpcService]
public interface INodeService
{
    /// <summary>The node's id.</summary>
    [Idempotent]
    Task<string> WhoAmIAsync();

    /// <summary>Waits <paramref name="delayMs"/> (honouring cancellation), then returns the node's id.</summary>
    [Idempotent]
    Task<string> WorkAsync(int delayMs, CancellationToken cancellationToken);

    /// <summary>As <see cref="WorkAsync"/>, but not idempotent: retry policies must not repeat it.</summary>
    Task<string> RecordAsync(int delayMs, CancellationToken cancellationToken);

    /// <summary>How many calls the node has served (every method but this one), counted as each call starts.</summary>
    [Idempotent]
    Task<int> CountAsync();
}

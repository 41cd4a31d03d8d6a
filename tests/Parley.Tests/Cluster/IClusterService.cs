using Parley.Tests.TestSupport;
namespace Parley.Tests.Cluster;

/// <summary>What each instance of a test cluster serves: every method answers with the instance's id.</summary>
[RpcService("ClusterTest")]
public interface IClusterService
{
    [Idempotent]
    Task<string> WhoAsync();

    [Idempotent]
    Task<string> WorkAsync(int delayMs, CancellationToken cancellationToken);

    /// <summary>Not idempotent: a cluster client must not repeat it once it may have run.</summary>
    Task<string> RecordAsync(int delayMs, CancellationToken cancellationToken);
}

using Parley.Tests.TestSupport;
namespace Parley.Tests.Cluster;

/// <summary>One instance's service: counts what it runs and fails on demand with a chosen status.</summary>
public sealed class ClusterNodeService(string id) : IClusterService
{
    private int _calls;
    private int _running;

    public string Id { get; } = id;

    /// <summary>Calls that reached the handler, failed ones included.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Calls running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Added to every call's own delay.</summary>
    public int ExtraDelayMs { get; set; }

    /// <summary>When set, every call fails with this status (after counting).</summary>
    public StatusCode? FailWith { get; set; }

    public Task<string> WhoAsync() => RunAsync(0, CancellationToken.None);

    public Task<string> WorkAsync(int delayMs, CancellationToken cancellationToken) => RunAsync(delayMs, cancellationToken);

    public Task<string> RecordAsync(int delayMs, CancellationToken cancellationToken) => RunAsync(delayMs, cancellationToken);

    private async Task<string> RunAsync(int delayMs, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Increment(ref _running);
        try
        {
            if (FailWith is { } status)
            {
                throw new RpcException(status, $"instance {Id} fails on purpose");
            }

            if (delayMs + ExtraDelayMs > 0)
            {
                await Task.Delay(delayMs + ExtraDelayMs, cancellationToken);
            }

            return Id;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}

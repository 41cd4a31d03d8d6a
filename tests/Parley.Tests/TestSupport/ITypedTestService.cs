using System.Diagnostics.CodeAnalysis;

namespace Parley.Tests.TestSupport;

/// <summary>
/// A generated contract: the source generator emits its proxy and dispatcher, so it uses only the shapes the generator
/// accepts (Task and ValueTask results, by-value parameters, a trailing CancellationToken).
/// </summary>
[RpcService]
[SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Test contract.")]
public interface ITypedTestService : ITypedTestBase
{
    Task<int> AddAsync(int a, int b);

    Task<string> EchoAsync(string text);

    Task<TestRecord> EchoRecordAsync(TestRecord record);

    ValueTask<string[]> SplitAsync(string text, char separator);

    Task NothingAsync();

    /// <summary>Counts a touch; tests read <see cref="TypedTestService.Touches"/>.</summary>
    ValueTask TouchAsync();

    /// <summary>Blocks until its token fires; the probe named <paramref name="key"/> reports start and cancellation.</summary>
    Task BlockAsync(string key, CancellationToken cancellationToken);

    /// <summary>Waits <paramref name="milliseconds"/> honouring the token.</summary>
    Task<int> DelayAsync(int milliseconds, CancellationToken cancellationToken);

    Task FailWithAsync(StatusCode status, string message);

    /// <summary>Records a value; tests read <see cref="TypedTestService.Recorded"/>.</summary>
    [OneWay]
    Task RecordAsync(string value);

    /// <summary>Waits <paramref name="milliseconds"/> (-1: until cancelled) under the contract's 200 ms timeout.</summary>
    [RpcTimeout(200)]
    Task<int> SlowAsync(string key, int milliseconds, CancellationToken cancellationToken);

    [Idempotent]
    ValueTask<int> GetVersionAsync();

    [RpcMethod("custom-name")]
    Task<string> RenamedAsync(string text);
}

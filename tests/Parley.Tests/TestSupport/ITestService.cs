using Parley.Server;

namespace Parley.Tests.TestSupport;

/// <summary>
/// A service served by the reflection path only: it has shapes the source generator does not accept (synchronous methods,
/// <see cref="ServerCallContext"/> parameters), so it is deliberately not marked [RpcService]. The generated-contract
/// counterpart is <see cref="ITypedTestService"/>.
/// </summary>
public interface ITestService
{
    Task<int> AddAsync(int a, int b);

    int Multiply(int a, int b);

    Task<string> EchoAsync(string text);

    ValueTask<string[]> SplitAsync(string text, char separator);

    Task<TestRecord> EchoRecordAsync(TestRecord record);

    Task<byte[]> GetBytesAsync(int length);

    Task NothingAsync();

    /// <summary>Blocks until its token fires; the probe named <paramref name="key"/> reports start and cancellation.</summary>
    Task BlockAsync(string key, CancellationToken cancellationToken);

    /// <summary>Waits <paramref name="milliseconds"/> honouring the token.</summary>
    Task<int> DelayAsync(int milliseconds, CancellationToken cancellationToken);

    /// <summary>Waits <paramref name="milliseconds"/> ignoring cancellation.</summary>
    Task<int> StubbornDelayAsync(int milliseconds);

    Task ThrowAsync(string message);

    Task FailWithAsync(StatusCode status, string message);

    /// <summary>Records a value (used one-way); tests read <see cref="TestService.Recorded"/>.</summary>
    void Record(string value);

    string? ReadMetadata(string key, ServerCallContext context);

    double? RemainingMilliseconds(ServerCallContext context);
}

public sealed record TestRecord(int Id, string Name, IReadOnlyList<double> Values);

using System.Collections.Concurrent;
using System.Threading.Channels;
using Parley.Server;

namespace Parley.Tests.TestSupport;

public sealed class TestService : ITestService
{
    private readonly ConcurrentDictionary<string, CallProbe> _probes = new();

    public Channel<string> Recorded { get; } = Channel.CreateUnbounded<string>();

    public CallProbe Probe(string key) => _probes.GetOrAdd(key, _ => new CallProbe());

    public Task<int> AddAsync(int a, int b) => Task.FromResult(a + b);

    public int Multiply(int a, int b) => a * b;

    public Task<string> EchoAsync(string text) => Task.FromResult(text);

    public ValueTask<string[]> SplitAsync(string text, char separator) => new(text.Split(separator));

    public Task<TestRecord> EchoRecordAsync(TestRecord record) => Task.FromResult(record);

    public Task<byte[]> GetBytesAsync(int length) => Task.FromResult(new byte[length]);

    public Task NothingAsync() => Task.CompletedTask;

    public async Task BlockAsync(string key, CancellationToken cancellationToken)
    {
        var probe = Probe(key);
        probe.Started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            probe.Cancelled.TrySetResult();
        }
    }

    public async Task<int> DelayAsync(int milliseconds, CancellationToken cancellationToken)
    {
        await Task.Delay(milliseconds, cancellationToken);
        return milliseconds;
    }

    public async Task<int> StubbornDelayAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return milliseconds;
    }

    public Task ThrowAsync(string message) => throw new InvalidOperationException(message);

    public Task FailWithAsync(StatusCode status, string message) => throw new RpcException(status, message);

    public void Record(string value) => Recorded.Writer.TryWrite(value);

    public string? ReadMetadata(string key, ServerCallContext context) => context.RequestMetadata.Get(key);

    public double? RemainingMilliseconds(ServerCallContext context) =>
        context.Deadline is { } deadline ? (deadline - DateTimeOffset.UtcNow).TotalMilliseconds : null;
}

public sealed class CallProbe
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

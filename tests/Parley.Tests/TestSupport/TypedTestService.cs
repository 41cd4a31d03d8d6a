using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Parley.Tests.TestSupport;

public sealed class TypedTestService : ITypedTestService
{
    private readonly ConcurrentDictionary<string, CallProbe> _probes = new();
    private int _touches;

    public Channel<string> Recorded { get; } = Channel.CreateUnbounded<string>();

    public int Touches => Volatile.Read(ref _touches);

    /// <summary>The call stack of the latest <see cref="EchoAsync"/>, to tell which dispatcher ran it.</summary>
    public StackTrace? LastEchoStack { get; private set; }

    public CallProbe Probe(string key) => _probes.GetOrAdd(key, _ => new CallProbe());

    public Task<string> WhoAmIAsync() => Task.FromResult(nameof(TypedTestService));

    public Task<int> AddAsync(int a, int b) => Task.FromResult(a + b);

    // Not inlined, so that the stack taken here starts in this method and shows who called it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Task<string> EchoAsync(string text)
    {
        LastEchoStack = new StackTrace();
        return Task.FromResult(text);
    }

    public Task<TestRecord> EchoRecordAsync(TestRecord record) => Task.FromResult(record);

    public ValueTask<string[]> SplitAsync(string text, char separator) => new(text.Split(separator));

    public Task NothingAsync() => Task.CompletedTask;

    public ValueTask TouchAsync()
    {
        Interlocked.Increment(ref _touches);
        return ValueTask.CompletedTask;
    }

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

    public Task FailWithAsync(StatusCode status, string message) => throw new RpcException(status, message);

    public Task RecordAsync(string value)
    {
        Recorded.Writer.TryWrite(value);
        return Task.CompletedTask;
    }

    public async Task<int> SlowAsync(string key, int milliseconds, CancellationToken cancellationToken)
    {
        var probe = Probe(key);
        probe.Started.TrySetResult();
        try
        {
            await Task.Delay(milliseconds, cancellationToken);
            return milliseconds;
        }
        catch (OperationCanceledException)
        {
            probe.Cancelled.TrySetResult();
            throw;
        }
    }

    public ValueTask<int> GetVersionAsync() => new(3);

    public Task<string> RenamedAsync(string text) => Task.FromResult("renamed:" + text);
}

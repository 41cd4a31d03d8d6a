using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Parley.Tests.TestSupport;

public sealed class StreamTestService : IStreamTestService
{
    private readonly ConcurrentDictionary<string, StreamProbe> _probes = new();

    public StreamProbe Probe(string key) => _probes.GetOrAdd(key, _ => new StreamProbe());

    public async IAsyncEnumerable<int> Count(int n, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 1; i <= n; i++)
        {
            yield return i;
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<byte[]> Blobs(int count, int size, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var k = 0; k < count; k++)
        {
            yield return Blob(k, size);
        }

        await Task.CompletedTask;
    }

    public static byte[] Blob(int k, int size)
    {
        var blob = new byte[size];
        for (var i = 0; i < size; i++)
        {
            blob[i] = (byte)((k + i) % 251);
        }

        return blob;
    }

    public async IAsyncEnumerable<byte[]> Endless(string key, int size, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var probe = Probe(key);
        probe.Started.TrySetResult();
        try
        {
            for (var k = 0; ; k++)
            {
                probe.CountProduced();
                yield return Blob(k, size);
                await Task.Yield();
            }
        }
        finally
        {
            probe.Ended.TrySetResult();
        }
    }

    public async IAsyncEnumerable<string> EchoMetadata(string key, Parley.Server.ServerCallContext context)
    {
        yield return context.RequestMetadata.Get(key) ?? "(none)";
        yield return context.Deadline is null ? "no deadline" : "deadline";
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<int> FailAfter(int n, StatusCode status, string message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 1; i <= n; i++)
        {
            yield return i;
        }

        await Task.CompletedTask;
        throw new RpcException(status, message);
    }

    public async Task<long> Sum(IAsyncEnumerable<int> items, CancellationToken cancellationToken)
    {
        long sum = 0;
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            sum += item;
        }

        return sum;
    }

    public async Task<int> ReadUntilStop(IAsyncEnumerable<string> items)
    {
        var read = 0;
        await foreach (var item in items)
        {
            read++;
            if (item == "stop")
            {
                break;
            }
        }

        return read;
    }

    public async Task<int> WaitForever(string key, IAsyncEnumerable<int> items, CancellationToken cancellationToken)
    {
        var probe = Probe(key);
        probe.Started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
        finally
        {
            probe.Ended.TrySetResult();
        }
    }

    public async IAsyncEnumerable<string> Echo(string prefix, IAsyncEnumerable<string> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            yield return prefix + item;
        }
    }

    public async IAsyncEnumerable<long> Twice(IAsyncEnumerable<long> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            yield return item * 2;
        }
    }
}

public sealed class StreamProbe
{
    private long _produced;

    public long Produced => Interlocked.Read(ref _produced);

    public void CountProduced() => Interlocked.Increment(ref _produced);

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

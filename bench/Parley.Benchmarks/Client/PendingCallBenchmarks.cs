using System.Buffers;
using BenchmarkDotNet.Attributes;
using Parley.Client;
using Parley.Codecs;

namespace Parley.Benchmarks.Client;

/// <summary>
/// The client's bookkeeping for one call: a <see cref="PendingCall"/> rented from the <see cref="PendingCallTable"/>,
/// registered with the default 30 s deadline, removed by the read loop when the response arrives, completed with the
/// response payload (copied into a pooled buffer, as the read loop does, and released by the caller), and returned.
/// </summary>
[MemoryDiagnoser]
public class PendingCallBenchmarks
{
    // What the response to Add(1, 2) carries in JSON.
    private static readonly ReadOnlySequence<byte> ResponsePayload = new("3"u8.ToArray());
    private const int CallsPerLoop = 100;
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private readonly PendingCallTable _table = new(4096, TimeProvider.System, static _ => { });
    private ulong _requestId;

    [GlobalSetup]
    public void Setup()
    {
        // A few calls stay in flight throughout, so that the table is not measured empty.
        for (var i = 0; i < 16; i++)
        {
            _table.TryAdd(_table.Rent(ulong.MaxValue - (ulong)i, DefaultTimeout));
        }
    }

    /// <summary>Registers a call, removes it as the read loop does and completes it; nobody is waiting yet.</summary>
    [Benchmark]
    public int RegisterAndComplete()
    {
        var id = ++_requestId;
        _table.TryAdd(_table.Rent(id, DefaultTimeout));
        _table.TryRemove(id, out var call);
        call!.Complete(CallResult.Success(CodecIds.Json, ResponsePayload), fromServer: true);
        var completed = call.AsValueTask();
        var result = completed.IsCompleted ? completed.Result : throw new InvalidOperationException("not completed");
        result.Release();
        _table.Return(call);
        return (int)result.Status;
    }

    /// <summary>
    /// The whole wait, per call: the caller awaits the call before its response arrives, the read loop completes it,
    /// and the caller's continuation runs on the thread pool (never on the read loop). The calls run in one async loop,
    /// so each costs a thread-pool hop, not a wake-up of the benchmark's blocked thread.
    /// </summary>
    [Benchmark(OperationsPerInvoke = CallsPerLoop)]
    public async Task<int> AwaitedRoundTrip()
    {
        var total = 0;
        for (var i = 0; i < CallsPerLoop; i++)
        {
            var id = ++_requestId;
            var call = _table.Rent(id, DefaultTimeout);
            _table.TryAdd(call);
            var waiting = WaitAsync(call);
            _table.TryRemove(id, out var removed);
            removed!.Complete(CallResult.Success(CodecIds.Json, ResponsePayload), fromServer: true);
            total += await waiting;
            _table.Return(call);
        }

        return total;
    }

    // Stands for ClientConnection.CallAsync: awaits the call, then releases the response buffer as the codec would.
    private static async Task<int> WaitAsync(PendingCall call)
    {
        var result = await call.AsValueTask();
        result.Release();
        return (int)result.Status;
    }
}

using System.Threading.Tasks.Sources;
using Parley.Connections;

namespace Parley.Client;

/// <summary>
/// One call waiting for its response. Completed exactly once, by whoever removes it from the
/// <see cref="PendingCallTable"/> (the read loop, the timeout, the caller's cancellation or the connection's failure),
/// so completion never races. A unary call's object is reused for a later call once its caller has its result (see
/// <see cref="PendingCallTable.Return"/>).
/// </summary>
internal sealed class PendingCall : DeadlineItem, IValueTaskSource<CallResult>
{
    // Continuations run on the thread pool: completing a call must never run the caller's code on the read loop.
    private ManualResetValueTaskSourceCore<CallResult> _core = new() { RunContinuationsAsynchronously = true };

    public ulong RequestId { get; set; }

    /// <summary>The connection the call was sent on; set before any completer can see the call.</summary>
    public ClientConnection? Connection { get; set; }

    /// <summary>The call's timeout, for the message when it fires.</summary>
    public TimeSpan Timeout { get; set; }

    /// <summary>What a caller whose timeout fired is told.</summary>
    public string TimeoutMessage => $"the call did not complete within its timeout of {Timeout.TotalMilliseconds:0} ms";

    /// <summary>The stream state of a streaming call; null for a unary call.</summary>
    public ClientStream? Stream { get; set; }

    /// <summary>Makes the object ready for another call; the version change makes stale awaiters fail.</summary>
    public void Reset()
    {
        _core.Reset();
        Stream = null;
    }

    public ValueTask<CallResult> AsValueTask() => new(this, _core.Version);

    /// <summary>Completes the call; <paramref name="fromServer"/> when the result is the server's RESPONSE.</summary>
    public void Complete(in CallResult result, bool fromServer = false)
    {
        Stream?.OnCompleted(in result, fromServer);
        _core.SetResult(result);
    }

    public CallResult GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

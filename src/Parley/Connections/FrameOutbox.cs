using System.Threading.Tasks.Sources;
using Parley.Protocol;

namespace Parley.Connections;

/// <summary>
/// The frames waiting for a connection's write loop, in two queues: control and call frames, and stream frames. The
/// write loop always takes the first queue first and limits how many stream bytes go into one flush, so a bulk stream
/// cannot hold a small call's frames back by more than that. Frames of one queue keep their order; a stream's opening
/// REQUEST is always written before its first STREAM_MESSAGE because it was queued earlier and its queue goes first.
/// </summary>
/// <remarks>Any number of writers, one reader (the write loop).</remarks>
internal sealed class FrameOutbox : IValueTaskSource<bool>
{
    private readonly Queue<OutgoingFrame> _urgent = new();
    private readonly Queue<OutgoingFrame> _stream = new();
    private ManualResetValueTaskSourceCore<bool> _signal = new() { RunContinuationsAsynchronously = true };
    private bool _readerWaiting;
    private bool _completed;
    private long _streamBytes;

    /// <summary>Bytes of stream frames queued and not yet taken by the write loop.</summary>
    public long QueuedStreamBytes
    {
        get
        {
            lock (_urgent)
            {
                return _streamBytes;
            }
        }
    }

    /// <summary>Queues a frame; false once the outbox is completed (the caller still owns the frame then).</summary>
    public bool TryEnqueue(OutgoingFrame frame, bool isStream)
    {
        bool wake;
        lock (_urgent)
        {
            if (_completed)
            {
                return false;
            }

            if (isStream)
            {
                _stream.Enqueue(frame);
                _streamBytes += frame.Length;
            }
            else
            {
                _urgent.Enqueue(frame);
            }

            wake = _readerWaiting;
            _readerWaiting = false;
        }

        if (wake)
        {
            _signal.SetResult(true);
        }

        return true;
    }

    /// <summary>Waits until a frame is queued; false once the outbox is completed and empty.</summary>
    public ValueTask<bool> WaitToReadAsync()
    {
        lock (_urgent)
        {
            if (_urgent.Count > 0 || _stream.Count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return new ValueTask<bool>(false);
            }

            _signal.Reset();
            _readerWaiting = true;
            return new ValueTask<bool>(this, _signal.Version);
        }
    }

    /// <summary>Takes the next frame: a control or call frame if any, else a stream frame when <paramref name="allowStream"/>.</summary>
    public bool TryDequeue(bool allowStream, out OutgoingFrame frame, out bool isStream)
    {
        lock (_urgent)
        {
            if (_urgent.TryDequeue(out frame))
            {
                isStream = false;
                return true;
            }

            if (allowStream && _stream.TryDequeue(out frame))
            {
                _streamBytes -= frame.Length;
                isStream = true;
                return true;
            }

            isStream = false;
            return false;
        }
    }

    /// <summary>Refuses new frames; the reader still gets what is queued.</summary>
    public void Complete()
    {
        bool wake;
        lock (_urgent)
        {
            _completed = true;
            wake = _readerWaiting;
            _readerWaiting = false;
        }

        if (wake)
        {
            _signal.SetResult(false);
        }
    }

    /// <summary>Releases every queued frame (after an abort, or once the write loop has stopped).</summary>
    public void ReleaseAll()
    {
        lock (_urgent)
        {
            while (_urgent.TryDequeue(out var frame))
            {
                frame.Release();
            }

            while (_stream.TryDequeue(out var frame))
            {
                frame.Release();
            }

            _streamBytes = 0;
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _signal.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _signal.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(
        Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, flags);
}

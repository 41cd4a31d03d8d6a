using System.Buffers;
using System.Threading.Tasks.Sources;
using Parley.Connections;
using Parley.Protocol;

namespace Parley.Streams;

/// <summary>
/// The receiving end of one stream direction: reassembles chunked messages, queues whole ones for a single consumer,
/// spends the credit each frame costs and grants it again as the consumer takes messages, and ends either after the
/// queued messages (the peer finished, with its status) or at once (a local failure or the consumer leaving).
/// </summary>
/// <remarks>
/// Memory per stream is bounded by the stream window plus one message being reassembled: chunks of an incomplete
/// message are granted back at once while nothing waits in the queue (the consumer cannot take a half message, so
/// holding them could stall a message larger than the window), and held while the consumer is behind.
/// <see cref="TryAccept"/> and <see cref="TryEndFromPeer"/> run on the read loop; the consumer calls
/// <see cref="TryRead"/> and <see cref="WaitToReadAsync"/>; anyone may call <see cref="Fail"/>.
/// </remarks>
internal sealed class StreamInbox : IValueTaskSource<bool>
{
    private readonly RpcConnection _connection;
    private readonly ulong _requestId;
    private readonly ReceiveWindow _window;
    private readonly int _maxMessageBytes;
    private readonly Queue<(InboundMessage Message, int Cost)> _messages = new();
    private ManualResetValueTaskSourceCore<bool> _signal = new() { RunContinuationsAsynchronously = true };
    private byte[]? _partial;
    private int _partialLength;
    private int _partialCost;
    private byte _partialCodec;
    private bool _assembling;
    private long _queuedBytes;
    private bool _waiting;
    private bool _endedByPeer;
    private bool _closed;
    private RpcException? _error;

    public StreamInbox(RpcConnection connection, ulong requestId, int windowBytes, int maxMessageBytes)
    {
        _connection = connection;
        _requestId = requestId;
        _window = new ReceiveWindow(windowBytes);
        _maxMessageBytes = maxMessageBytes;
    }

    /// <summary>Bytes of whole messages waiting for the consumer.</summary>
    public long QueuedBytes
    {
        get
        {
            lock (_messages)
            {
                return _queuedBytes;
            }
        }
    }

    /// <summary>Takes one STREAM_MESSAGE frame (whose connection credit the caller has already spent).</summary>
    /// <returns>False with a reason when the frame breaks the protocol.</returns>
    public bool TryAccept(in Frame frame, out string? protocolError)
    {
        protocolError = null;
        var cost = FrameHeader.Size + frame.Header.PayloadLength;
        var release = 0;
        var wake = false;
        lock (_messages)
        {
            if (_endedByPeer)
            {
                protocolError = $"STREAM_MESSAGE for request {_requestId} after the end of its stream";
                return false;
            }

            if (_closed)
            {
                release = cost; // nobody reads this stream any more: the bytes go back to the connection at once
            }
            else if (!_window.TrySpend(cost))
            {
                protocolError = $"STREAM_MESSAGE of {cost} bytes for request {_requestId} exceeds the credit granted to its stream";
                return false;
            }
            else if (!TryAppend(in frame, out protocolError))
            {
                return false;
            }
            else
            {
                _partialCost += cost;
                _assembling = (frame.Header.Flags & FrameFlags.More) != 0;
                if (!_assembling)
                {
                    _messages.Enqueue((new InboundMessage(_partial, _partialLength, _partialCodec), _partialCost));
                    _queuedBytes += _partialLength;
                    (_partial, _partialLength, _partialCost) = (null, 0, 0);
                    wake = _waiting;
                    _waiting = false;
                }
                else if (_messages.Count == 0)
                {
                    release = _partialCost;
                    _partialCost = 0;
                }
            }
        }

        if (release > 0)
        {
            Release(release);
        }

        if (wake)
        {
            _signal.SetResult(true);
        }

        return true;
    }

    /// <summary>
    /// The peer finished this direction: the consumer gets the queued messages, then the end (or
    /// <paramref name="error"/>). With <paramref name="midMessageIsError"/> an unfinished chunked message breaks the
    /// protocol; otherwise it is dropped.
    /// </summary>
    public bool TryEndFromPeer(RpcException? error, bool midMessageIsError, out string? protocolError)
    {
        protocolError = null;
        bool wake;
        var release = 0;
        lock (_messages)
        {
            if (_endedByPeer && midMessageIsError)
            {
                protocolError = $"the stream of request {_requestId} ended twice";
                return false;
            }

            if (_assembling)
            {
                if (midMessageIsError)
                {
                    protocolError = $"the stream of request {_requestId} ended in the middle of a chunked message";
                    return false;
                }

                release = _partialCost;
                DropPartial();
            }

            _endedByPeer = true;
            _error ??= error;
            wake = _waiting;
            _waiting = false;
        }

        AfterEnd(release, wake);
        return true;
    }

    /// <summary>
    /// Ends the stream at once: queued messages are dropped (their bytes go back to the connection) and the consumer
    /// gets <paramref name="error"/>, or the end when it is null (the consumer itself left).
    /// </summary>
    public void Fail(RpcException? error)
    {
        bool wake;
        var release = 0;
        lock (_messages)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            if (!_endedByPeer || _messages.Count > 0)
            {
                _error = error ?? _error;
            }

            while (_messages.TryDequeue(out var queued))
            {
                release += queued.Cost;
                queued.Message.Release();
            }

            _queuedBytes = 0;
            release += _partialCost;
            DropPartial();
            wake = _waiting;
            _waiting = false;
        }

        AfterEnd(release, wake);
    }

    /// <summary>Whether whole messages are queued that the consumer has not taken yet.</summary>
    public bool HasUnread
    {
        get
        {
            lock (_messages)
            {
                return _messages.Count > 0;
            }
        }
    }

    /// <summary>Takes the next whole message, if one is queued. The caller releases it after decoding.</summary>
    public bool TryRead(out InboundMessage message)
    {
        int release;
        lock (_messages)
        {
            if (!_messages.TryDequeue(out var queued))
            {
                message = default;
                return false;
            }

            message = queued.Message;
            _queuedBytes -= message.Length;
            release = queued.Cost;
            if (_messages.Count == 0)
            {
                // The consumer has caught up, so an incomplete message's chunks need not be held any more.
                release += _partialCost;
                _partialCost = 0;
            }
        }

        Release(release);
        return true;
    }

    /// <summary>
    /// Waits for a message or the end. True when <see cref="TryRead"/> may find a message; false at the end; throws the
    /// stream's error once the queue is empty.
    /// </summary>
    public ValueTask<bool> WaitToReadAsync()
    {
        lock (_messages)
        {
            if (_messages.Count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_error is not null)
            {
                return ValueTask.FromException<bool>(_error);
            }

            if (_endedByPeer || _closed)
            {
                return new ValueTask<bool>(false);
            }

            _signal.Reset();
            _waiting = true;
            return new ValueTask<bool>(this, _signal.Version);
        }
    }

    // Grants the bytes again: to the stream (batched, and only while someone still reads it) and to the connection.
    private void Release(int bytes)
    {
        bool closed;
        lock (_messages)
        {
            closed = _closed || _endedByPeer;
        }

        if (!closed && _window.Release(bytes) is var grant and > 0)
        {
            _connection.SendCredit(_requestId, grant);
        }

        _connection.ReleaseConnectionCredit(bytes);
    }

    // Outside the lock: give dropped bytes back to the connection, and wake a waiting consumer to find the end.
    private void AfterEnd(int release, bool wake)
    {
        if (release > 0)
        {
            _connection.ReleaseConnectionCredit(release);
        }

        if (wake)
        {
            _signal.SetResult(true);
        }
    }

    private bool TryAppend(in Frame frame, out string? protocolError)
    {
        protocolError = null;
        var payload = frame.Payload;
        var length = (int)payload.Length;
        if (!_assembling)
        {
            _partialCodec = frame.Header.Codec;
        }
        else if (frame.Header.Codec != _partialCodec)
        {
            protocolError = $"the chunks of one message of request {_requestId} carry different codecs";
            return false;
        }

        if ((long)_partialLength + length > _maxMessageBytes)
        {
            protocolError = $"a message of request {_requestId} is larger than the max-payload of {_maxMessageBytes} bytes";
            return false;
        }

        if (length == 0)
        {
            return true;
        }

        if (_partial is null || _partial.Length < _partialLength + length)
        {
            var larger = FrameBuffers.Rent(Math.Max(_partialLength + length, (_partial?.Length ?? 0) * 2));
            if (_partial is not null)
            {
                _partial.AsSpan(0, _partialLength).CopyTo(larger);
                FrameBuffers.Return(_partial);
            }

            _partial = larger;
        }

        payload.CopyTo(_partial.AsSpan(_partialLength));
        _partialLength += length;
        return true;
    }

    private void DropPartial()
    {
        if (_partial is not null)
        {
            FrameBuffers.Return(_partial);
        }

        (_partial, _partialLength, _partialCost, _assembling) = (null, 0, 0, false);
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _signal.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _signal.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(
        Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, flags);
}

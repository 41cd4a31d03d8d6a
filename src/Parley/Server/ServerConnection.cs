using System.Globalization;
using Parley.Connections;
using Parley.Contracts;
using Parley.Protocol;
using Parley.Streams;
using Parley.Transport;

namespace Parley.Server;

/// <summary>
/// The server end of one connection: turns REQUEST and ONE_WAY frames into <see cref="ServerCall"/>s on the thread
/// pool, routes CANCEL to them, enforces the per-connection call cap and the idle timeout, and drains on shutdown.
/// </summary>
internal sealed class ServerConnection : RpcConnection
{
    // Enough spare call objects for the calls a busy connection completes between two requests.
    private const int MaxSpareCalls = 256;

    private readonly ServerRuntime _runtime;
    private readonly Dictionary<ulong, ServerCall> _calls = [];
    private readonly Stack<ServerCall> _spareCalls = new();
    private readonly DeadlineQueue _deadlines;
    private RpcMetadata _requestMetadata = new(4); // the read loop's, swapped with each accepted call's
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ulong _highestRequestId;
    private ulong _highestSeenRequestId;
    private bool _draining;
    private ulong _drainLastId;
    private long _lastCallActivity;
    private RpcException? _refusal;
    private string _drainReason = "the server is shutting down";

    public ServerConnection(ITransportConnection transport, ServerRuntime runtime)
        : base(transport, runtime.ConnectionSettings)
    {
        _runtime = runtime;
        _lastCallActivity = runtime.Options.TimeProvider.GetTimestamp();

        // The call is still registered while the lock is held, so cancelling it there cannot reach a reused object.
        _deadlines = new DeadlineQueue(_calls, runtime.Options.TimeProvider,
            claim: static item =>
            {
                ((ServerCall)item).Cancel(CancelReason.Deadline);
                return false;
            },
            expire: static _ => { });
    }

    public int ActiveCalls
    {
        get
        {
            lock (_calls)
            {
                return _calls.Count;
            }
        }
    }

    protected override ulong LastAcceptedRequestId
    {
        get
        {
            lock (_calls)
            {
                return _highestRequestId;
            }
        }
    }

    /// <summary>
    /// Sends GOAWAY naming the last request that will be served and completes once every call accepted so far has
    /// finished. Requests above that id are answered UNAVAILABLE, so the client knows they were not processed.
    /// </summary>
    public Task DrainAsync()
    {
        lock (_calls)
        {
            if (!_draining)
            {
                _draining = true;
                _drainLastId = _highestRequestId;
            }

            // Queued under the lock that starts the draining, so GOAWAY leaves before any refusal of a later request:
            // a client that saw the refusal first would take it for an ordinary failure, not for a call to retry.
            SendGoAway(_drainLastId, StatusCode.Ok, "the server is shutting down");
            if (_calls.Count == 0)
            {
                _drained.TrySetResult();
            }
        }

        return _drained.Task;
    }

    /// <summary>
    /// Turns the connection away: it is started only to say why (HELLO, then GOAWAY with <paramref name="reason"/>) and
    /// close, and any request that arrives meanwhile is answered with the same reason instead of being served.
    /// </summary>
    public Task StartRefusedAsync(RpcException reason)
    {
        _refusal = reason;
        Start();
        return GoAwayAndCloseAsync(0, reason);
    }

    public void OnCallCompleted(ServerCall call)
    {
        lock (_calls)
        {
            _calls.Remove(call.RequestId);
            _deadlines.Remove(call);
            if (call.IsReusable && _spareCalls.Count < MaxSpareCalls)
            {
                call.Recycle();
                _spareCalls.Push(call);
            }

            _lastCallActivity = _runtime.Options.TimeProvider.GetTimestamp();
            if (_draining && _calls.Count == 0)
            {
                _drained.TrySetResult();
            }
        }

        _runtime.Counters.CallEnded();
    }

    protected override bool OnFrame(in Frame frame, out string? protocolError)
    {
        protocolError = null;
        switch (frame.Header.Type)
        {
            case FrameType.Request:
            case FrameType.OneWay:
                return OnCall(in frame, out protocolError);
            case FrameType.Cancel:
                lock (_calls)
                {
                    // Under the lock: a registered call is never one whose object has been reused.
                    if (_calls.TryGetValue(frame.Header.RequestId, out var call))
                    {
                        call.Cancel(CancelReason.CancelledByClient);
                    }
                }

                return true;
            case FrameType.GoAway:
                return true; // the client is leaving; it closes the connection itself
            case FrameType.StreamMessage:
                return OnStreamMessage(in frame, out protocolError);
            case FrameType.StreamEnd:
                return OnStreamEnd(in frame, out protocolError);
            case FrameType.Credit:
                return OnCredit(in frame, out protocolError);
            default:
                protocolError = $"a server does not accept {frame.Header.Type} frames";
                return false;
        }
    }

    private bool OnCall(in Frame frame, out string? protocolError)
    {
        var header = frame.Header;
        var kind = RpcMethodKind.Unary;
        var metadata = _requestMetadata;
        if (!MetadataCodec.TryReadInto(frame.Metadata, Settings.Limits, metadata, out protocolError))
        {
            return false;
        }

        var service = metadata.Get(RpcMetadata.ServiceKey);
        var method = metadata.Get(RpcMetadata.MethodKey);
        var timeout = Timeout.InfiniteTimeSpan;
        string? rejection = null;
        var status = StatusCode.InvalidArgument;
        if (string.IsNullOrEmpty(service) || string.IsNullOrEmpty(method))
        {
            rejection = "the request has no :service or no :method metadata";
        }
        else if (!StreamKinds.TryParse(metadata.Get(RpcMetadata.StreamKey), out kind))
        {
            rejection = $":stream '{metadata.Get(RpcMetadata.StreamKey)}' is not server, client or bidi";
        }
        else if (kind != RpcMethodKind.Unary && header.Type == FrameType.OneWay)
        {
            rejection = "a ONEWAY frame cannot open a stream";
        }
        else if (metadata.Get(RpcMetadata.TimeoutKey) is { } text)
        {
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds > 0
                && milliseconds <= int.MaxValue)
            {
                timeout = TimeSpan.FromMilliseconds(milliseconds);
            }
            else
            {
                rejection = $":timeout '{text}' is not a positive number of milliseconds";
            }
        }

        ServerCall? call = null;
        lock (_calls)
        {
            if (_calls.ContainsKey(header.RequestId))
            {
                protocolError = $"request id {header.RequestId} is already in use by a running call";
                return false;
            }

            if (header.RequestId > _highestRequestId && !_draining)
            {
                _highestRequestId = header.RequestId;
            }

            _highestSeenRequestId = Math.Max(_highestSeenRequestId, header.RequestId);

            _lastCallActivity = Settings.TimeProvider.GetTimestamp();
            if (_refusal is not null)
            {
                (status, rejection) = (_refusal.StatusCode, _refusal.Detail);
            }
            else if (rejection is not null)
            {
                status = StatusCode.InvalidArgument;
            }
            else if (_draining && header.RequestId > _drainLastId)
            {
                (status, rejection) = (StatusCode.Unavailable, $"{_drainReason}; the call was not processed and may be retried");
            }
            else if (_calls.Count >= _runtime.Options.MaxConcurrentCallsPerConnection)
            {
                (status, rejection) = (StatusCode.ResourceExhausted,
                    $"{_runtime.Options.MaxConcurrentCallsPerConnection} calls are already running on this connection");
            }
            else
            {
                if (!_spareCalls.TryPop(out call))
                {
                    call = new ServerCall(this, _runtime);
                }

                call.Start(in header, ref _requestMetadata, service!, method!, timeout, kind, frame.Payload);
                _calls.Add(header.RequestId, call);
                if (timeout != Timeout.InfiniteTimeSpan)
                {
                    _deadlines.Add(call, _deadlines.DeadlineAfter(timeout));
                }
            }
        }

        if (call is null)
        {
            if (header.Type == FrameType.Request)
            {
                TrySend(ServerCall.CreateError(header.RequestId, status, rejection!, PeerLimits));
            }

            return true;
        }

        _runtime.Counters.CallStarted();
        ThreadPool.UnsafeQueueUserWorkItem(call, preferLocal: false);
        return true;
    }

    private bool OnStreamMessage(in Frame frame, out string? protocolError)
    {
        if (!TrySpendConnectionCredit(in frame, out protocolError))
        {
            return false;
        }

        if (!TryFindStreamCall(in frame, out var call, out protocolError))
        {
            if (protocolError is null)
            {
                ReleaseConnectionCredit(FrameHeader.Size + frame.Header.PayloadLength); // the call has ended: dropped
            }

            return protocolError is null;
        }

        if (call!.Inbox is not { } inbox)
        {
            protocolError = $"STREAM_MESSAGE for request {frame.Header.RequestId}, which has no request stream";
            return false;
        }

        return inbox.TryAccept(in frame, out protocolError);
    }

    private bool OnStreamEnd(in Frame frame, out string? protocolError)
    {
        if (!TryFindStreamCall(in frame, out var call, out protocolError))
        {
            return protocolError is null;
        }

        if (call!.Inbox is not { } inbox)
        {
            protocolError = $"STREAM_END for request {frame.Header.RequestId}, which has no request stream";
            return false;
        }

        var status = frame.Header.Status;
        var error = status == StatusCode.Ok
            ? null
            : new RpcException(status, "the client abandoned its request stream: " + ReadMessage(frame.Payload));
        return inbox.TryEndFromPeer(error, midMessageIsError: true, out protocolError);
    }

    private bool OnCredit(in Frame frame, out string? protocolError)
    {
        if (!TryReadCredit(in frame, out var bytes, out protocolError))
        {
            return false;
        }

        if (!TryFindStreamCall(in frame, out var call, out protocolError))
        {
            return protocolError is null;
        }

        if (call!.ResponseWindow is not { } window)
        {
            protocolError = $"CREDIT for request {frame.Header.RequestId}, which has no response stream";
            return false;
        }

        return TryAddCredit(window, frame.Header.RequestId, bytes, out protocolError);
    }

    // Finds the running call a stream frame belongs to. False with no error when the call has ended (or was refused):
    // its frames in flight are dropped. False with an error for an id the client never used.
    private bool TryFindStreamCall(in Frame frame, out ServerCall? call, out string? protocolError)
    {
        protocolError = null;
        var id = frame.Header.RequestId;
        lock (_calls)
        {
            if (_calls.TryGetValue(id, out call))
            {
                return true;
            }

            if (id > _highestSeenRequestId)
            {
                protocolError = $"{frame.Header.Type.WireName()} for request {id}, which the client never opened";
            }

            return false;
        }
    }

    protected override void OnTick(long now)
    {
        var idleTimeout = _runtime.Options.IdleTimeout;
        if (idleTimeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        RpcException? reason = null;
        lock (_calls)
        {
            if (!_draining && _calls.Count == 0 && Settings.TimeProvider.GetElapsedTime(_lastCallActivity, now) >= idleTimeout)
            {
                reason = new RpcException(StatusCode.Unavailable, $"closed after {idleTimeout.TotalSeconds:0} s without calls");
                // From here on, requests are answered "not processed", after the GOAWAY queued here with the same id.
                _draining = true;
                _drainReason = "the connection is closing after being idle";
                _drainLastId = _highestRequestId;
                SendGoAway(_drainLastId, StatusCode.Ok, reason.Detail);
            }
        }

        if (reason is not null)
        {
            _ = CloseAsync(reason);
        }
    }

    protected override void OnClosing(RpcException reason)
    {
        if (reason.StatusCode == StatusCode.Internal)
        {
            _runtime.Counters.ProtocolError();
        }

        lock (_calls)
        {
            _deadlines.Close();
            foreach (var call in _calls.Values)
            {
                call.Cancel(CancelReason.ConnectionClosed);
            }
        }

        _drained.TrySetResult();
    }
}

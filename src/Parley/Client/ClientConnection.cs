using Parley.Connections;
using Parley.Contracts;
using Parley.Protocol;
using Parley.Streams;
using Parley.Transport;

namespace Parley.Client;

/// <summary>
/// The client end of one multiplexed connection: sends requests, matches responses to callers by request id, enforces
/// each call's timeout and carries the caller's cancellation to the server as a CANCEL frame.
/// </summary>
internal sealed class ClientConnection : RpcConnection
{
    private static readonly Action<object?> OnCancelled = static state =>
    {
        const string Message = "the call was cancelled by the caller";
        var call = (PendingCall)state!;
        call.Connection!.Cancel(call, StatusCode.Cancelled, Message);
        call.Stream?.DropUnread(StatusCode.Cancelled, Message); // ended by the server, it may still hold unread messages
    };

    private readonly PendingCallTable _pending;
    private readonly ClientCounters _counters;
    private readonly Action<ClientConnection, StatusCode, string> _onGoAway;
    private long _nextRequestId;
    private int _goAwayReceived;

    public ClientConnection(
        ITransportConnection transport,
        ConnectionSettings settings,
        int maxPendingCalls,
        ClientCounters counters,
        Action<ClientConnection, StatusCode, string> onGoAway)
        : base(transport, settings)
    {
        _pending = new PendingCallTable(maxPendingCalls, settings.TimeProvider, OnDeadlinePassed);
        _counters = counters;
        _onGoAway = onGoAway;
    }

    /// <summary>False once the connection is closing or the server has said GOAWAY: new calls go elsewhere.</summary>
    public bool CanStartCalls => !IsClosing && Volatile.Read(ref _goAwayReceived) == 0;

    public int PendingCount => _pending.Count;

    /// <summary>The clock of this connection's timers.</summary>
    public TimeProvider Time => Settings.TimeProvider;

    /// <summary>Sends a request and waits for its response, its timeout or the caller's cancellation.</summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<CallResult> CallAsync(OutgoingCall request, CancellationToken cancellationToken)
    {
        var id = (ulong)Interlocked.Increment(ref _nextRequestId);
        var call = _pending.Rent(id, request.Timeout);
        call.Connection = this;
        Register(call, BuildFrame(FrameType.Request, id, request, RpcMethodKind.Unary));
        var registration = Watch(call, cancellationToken);
        CallResult result;
        try
        {
            result = await call.AsValueTask();
        }
        finally
        {
            // Dispose waits for a cancellation callback that is running, so nothing can reach the call after this.
            registration.Dispose();
        }

        _pending.Return(call);
        return result;
    }

    /// <summary>
    /// Opens a streaming call: sends its REQUEST and returns the stream, whose timeout and cancellation are armed. The
    /// caller starts the request pump, reads the responses, and disposes the stream.
    /// </summary>
    public ClientStream OpenStream(OutgoingCall request, RpcMethodKind kind, CancellationToken cancellationToken)
    {
        var id = (ulong)Interlocked.Increment(ref _nextRequestId);
        var call = _pending.Rent(id, request.Timeout); // never returned: the stream keeps it
        call.Connection = this;
        var stream = new ClientStream(this, call, kind, request.Codec, request.Service + "." + request.Method);
        call.Stream = stream;
        Register(call, BuildFrame(FrameType.Request, id, request, kind));
        stream.Track(Watch(call, cancellationToken));
        return stream;
    }

    /// <summary>
    /// Ends a call from this side: removes it, tells the server with CANCEL and completes it with the status. Does
    /// nothing when the call has completed already.
    /// </summary>
    public void Cancel(PendingCall call, StatusCode status, string message)
    {
        if (_pending.TryRemove(call.RequestId, out _))
        {
            Abandon(call, status, message);
        } // else completed already
    }

    // The table has taken the call out when its deadline passed.
    private void OnDeadlinePassed(PendingCall call) =>
        Abandon(call, StatusCode.DeadlineExceeded, call.TimeoutMessage);

    // Tells the server with CANCEL and completes a call this side has removed from the table.
    private void Abandon(PendingCall call, StatusCode status, string message)
    {
        TrySend(FrameBuilder.Create(FrameType.Cancel, StatusCode.Ok, call.RequestId, null, default));
        call.Complete(CallResult.Failure(status, message));
    }

    /// <summary>Queues a one-way call; it completes once the frame is handed to the write loop.</summary>
    public void SendOneWay(OutgoingCall request)
    {
        var id = (ulong)Interlocked.Increment(ref _nextRequestId);
        if (!TrySend(BuildFrame(FrameType.OneWay, id, request, RpcMethodKind.Unary)))
        {
            throw Unavailable();
        }
    }

    protected override bool OnFrame(in Frame frame, out string? protocolError)
    {
        protocolError = null;
        switch (frame.Header.Type)
        {
            case FrameType.Response:
                OnResponse(in frame);
                return true;
            case FrameType.GoAway:
                OnGoAway(in frame);
                return true;
            case FrameType.StreamMessage:
                return OnStreamMessage(in frame, out protocolError);
            case FrameType.Credit:
                return OnCredit(in frame, out protocolError);
            default:
                protocolError = $"a client does not accept {frame.Header.Type} frames";
                return false;
        }
    }

    protected override void OnClosing(RpcException reason)
    {
        foreach (var call in _pending.CloseAndRemoveAll())
        {
            call.Complete(CallResult.Failure(reason));
        }
    }

    private void OnResponse(in Frame frame)
    {
        if (!_pending.TryRemove(frame.Header.RequestId, out var call))
        {
            // The caller already gave up (timeout or cancellation); the answer has nowhere to go.
            _counters.LateResponse();
            return;
        }

        var header = frame.Header;
        call!.Complete(
            header.Status == StatusCode.Ok
                ? CallResult.Success(header.Codec, frame.Payload)
                : CallResult.Failure(header.Status, ReadMessage(frame.Payload), ReadTrailers(in frame)),
            fromServer: true);
        if (Volatile.Read(ref _goAwayReceived) == 1 && _pending.Count == 0)
        {
            _ = CloseAsync(new RpcException(StatusCode.Unavailable, "the server closed the connection after its last call"));
        }
    }

    // Trailers are a courtesy: malformed ones are dropped rather than failing the connection over an error's extras.
    private RpcMetadata? ReadTrailers(in Frame frame) =>
        frame.Metadata.IsEmpty || !MetadataCodec.TryRead(frame.Metadata, Settings.Limits, out var trailers, out _)
            ? null
            : trailers;

    private void OnGoAway(in Frame frame)
    {
        Interlocked.Exchange(ref _goAwayReceived, 1);
        var message = ReadMessage(frame.Payload);
        _onGoAway(this, frame.Header.Status, message);
        var notProcessed = CallResult.NotSent(StatusCode.Unavailable,
            $"the server closed the connection ({message}); the call was not processed and may be retried");
        // Under the table's lock, so that a call picking this connection meanwhile is either failed here or refused
        // before it is sent: sent after the GOAWAY, the server would refuse it in an answer that reads as a failure.
        foreach (var call in _pending.CloseAbove(frame.Header.RequestId))
        {
            call.Complete(notProcessed);
        }

        if (_pending.Count == 0)
        {
            _ = CloseAsync(new RpcException(StatusCode.Unavailable, "the server closed the connection: " + message));
        }
    }

    private bool OnStreamMessage(in Frame frame, out string? protocolError)
    {
        if (!TrySpendConnectionCredit(in frame, out protocolError))
        {
            return false;
        }

        if (!TryFindStream(in frame, out var stream, out protocolError))
        {
            if (protocolError is null)
            {
                // The call ended here first (cancelled, timed out): its messages in flight are dropped.
                ReleaseConnectionCredit(FrameHeader.Size + frame.Header.PayloadLength);
            }

            return protocolError is null;
        }

        if (stream?.Responses is not { } inbox)
        {
            protocolError = $"STREAM_MESSAGE for request {frame.Header.RequestId}, which has no response stream";
            return false;
        }

        return inbox.TryAccept(in frame, out protocolError);
    }

    private bool OnCredit(in Frame frame, out string? protocolError)
    {
        if (!TryReadCredit(in frame, out var bytes, out protocolError))
        {
            return false;
        }

        if (!TryFindStream(in frame, out var stream, out protocolError))
        {
            return protocolError is null; // a call that has ended needs no credit
        }

        if (stream?.RequestWindow is not { } window)
        {
            protocolError = $"CREDIT for request {frame.Header.RequestId}, which has no request stream";
            return false;
        }

        return TryAddCredit(window, frame.Header.RequestId, bytes, out protocolError);
    }

    // Finds the call a stream frame belongs to (its stream is null for a unary call). False with no error when the call
    // has ended; false with an error for an id this client never used.
    private bool TryFindStream(in Frame frame, out ClientStream? stream, out string? protocolError)
    {
        protocolError = null;
        var id = frame.Header.RequestId;
        if (_pending.TryGet(id, out var call))
        {
            stream = call!.Stream;
            return true;
        }

        stream = null;
        if (id > (ulong)Interlocked.Read(ref _nextRequestId))
        {
            protocolError = $"{frame.Header.Type.WireName()} for request {id}, which this client never sent";
        }

        return false;
    }

    // Registers a call before its frame is sent, so that its answer always finds it.
    private void Register(PendingCall call, OutgoingFrame frame)
    {
        switch (_pending.TryAdd(call))
        {
            case PendingCallAddResult.Full:
                frame.Release();
                throw new RpcException(StatusCode.ResourceExhausted,
                    $"{_pending.Capacity} calls are already in flight on this connection (MaxPendingCalls)");
            case PendingCallAddResult.Closed:
                frame.Release();
                throw Volatile.Read(ref _goAwayReceived) == 1 && !IsClosing
                    ? new RpcException(StatusCode.Unavailable, "the server is closing the connection (GOAWAY); the call was not sent")
                    : Unavailable();
        }

        // If sending fails the call is removed here, unless the closing connection removed (and failed) it first.
        if (!TrySend(frame) && _pending.TryRemove(call.RequestId, out _))
        {
            throw Unavailable();
        }
    }

    // The deadline is the table's; the caller's token is watched here.
    private static CancellationTokenRegistration Watch(PendingCall call, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? cancellationToken.UnsafeRegister(OnCancelled, call) : default;

    private OutgoingFrame BuildFrame(FrameType type, ulong id, in OutgoingCall request, RpcMethodKind kind)
    {
        FrameBuilder builder;
        try
        {
            builder = FrameBuilder.Start(request.Metadata);
        }
        catch (Exception ex) when (ex is ArgumentException or System.Text.EncoderFallbackException)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"the call's metadata cannot be sent: {ex.Message}", ex);
        }

        try
        {
            builder.AddMetadata(RpcMetadata.ServiceKey, request.Service);
            builder.AddMetadata(RpcMetadata.MethodKey, request.Method);
            if (request.Timeout != Timeout.InfiniteTimeSpan)
            {
                var milliseconds = (long)Math.Ceiling(request.Timeout.TotalMilliseconds);
                builder.AddMetadata(RpcMetadata.TimeoutKey, milliseconds);
            }

            if (StreamKinds.ToWire(kind) is { } streamKind)
            {
                builder.AddMetadata(RpcMetadata.StreamKey, streamKind);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or System.Text.EncoderFallbackException)
        {
            builder.Abandon();
            throw new RpcException(StatusCode.InvalidArgument,
                $"the service or method name cannot be sent ({request.Service}.{request.Method}): {ex.Message}", ex);
        }

        try
        {
            // A call whose request stream carries its input and that has no other argument sends an empty payload, so
            // a codec for single messages (Protobuf) need not encode an empty argument list.
            if (request.Arguments.Length > 0 || !StreamKinds.HasRequestStream(kind))
            {
                request.Codec.SerializeArguments(builder, request.Arguments);
            }
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            builder.Abandon();
            throw new RpcException(StatusCode.Internal,
                $"could not encode the arguments of {request.Service}.{request.Method} with {request.Codec.Name}: {ex.Message}", ex);
        }

        var limits = PeerLimits;
        var entries = (request.Metadata?.Count ?? 0) + (request.Timeout == Timeout.InfiniteTimeSpan ? 2 : 3)
            + (kind == RpcMethodKind.Unary ? 0 : 1);
        if (entries > limits.MaxMetadataEntries)
        {
            builder.Abandon();
            throw new RpcException(StatusCode.ResourceExhausted,
                $"the request has {entries} metadata entries; the server accepts at most {limits.MaxMetadataEntries}");
        }

        if (builder.PayloadLength > limits.MaxPayloadBytes || builder.MetadataLength > limits.MaxMetadataBytes)
        {
            var (payload, metadata) = (builder.PayloadLength, builder.MetadataLength);
            builder.Abandon();
            throw new RpcException(StatusCode.ResourceExhausted,
                $"the request ({payload} payload bytes, {metadata} metadata bytes) exceeds the server's limits " +
                $"({limits.MaxPayloadBytes} and {limits.MaxMetadataBytes} bytes)");
        }

        return builder.Finish(type, request.Codec.Id, StatusCode.Ok, id);
    }
}

using System.Globalization;
using Parley.Connections;
using Parley.Protocol;
using Parley.Transport;

namespace Parley.Client;

/// <summary>
/// The client end of one multiplexed connection: sends requests, matches responses to callers by request id, enforces
/// each call's timeout and carries the caller's cancellation to the server as a CANCEL frame.
/// </summary>
internal sealed class ClientConnection : RpcConnection
{
    private static readonly TimerCallback OnTimeout = static state =>
    {
        var call = (PendingCall)state!;
        call.Connection!.Abandon(call, StatusCode.DeadlineExceeded,
            $"the call did not complete within its timeout of {call.Timeout.TotalMilliseconds:0} ms");
    };

    private static readonly Action<object?> OnCancelled = static state =>
    {
        var call = (PendingCall)state!;
        call.Connection!.Abandon(call, StatusCode.Cancelled, "the call was cancelled by the caller");
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
        _pending = new PendingCallTable(maxPendingCalls);
        _counters = counters;
        _onGoAway = onGoAway;
    }

    /// <summary>False once the connection is closing or the server has said GOAWAY: new calls go elsewhere.</summary>
    public bool CanStartCalls => !IsClosing && Volatile.Read(ref _goAwayReceived) == 0;

    public int PendingCount => _pending.Count;

    /// <summary>Sends a request and waits for its response, its timeout or the caller's cancellation.</summary>
    public async ValueTask<CallResult> CallAsync(OutgoingCall request, CancellationToken cancellationToken)
    {
        var id = (ulong)Interlocked.Increment(ref _nextRequestId);
        var frame = BuildFrame(FrameType.Request, id, request);
        var call = new PendingCall(id) { Connection = this, Timeout = request.Timeout };
        switch (_pending.TryAdd(call))
        {
            case PendingCallAddResult.Full:
                frame.Release();
                throw new RpcException(StatusCode.ResourceExhausted,
                    $"{_pending.Capacity} calls are already in flight on this connection (MaxPendingCalls)");
            case PendingCallAddResult.Closed:
                frame.Release();
                throw Unavailable();
        }

        // If sending fails the call is removed here, unless the closing connection removed (and failed) it first.
        if (!TrySend(frame) && _pending.TryRemove(id, out _))
        {
            throw Unavailable();
        }

        ITimer? timer = null;
        CancellationTokenRegistration registration = default;
        if (request.Timeout != Timeout.InfiniteTimeSpan)
        {
            timer = Settings.TimeProvider.CreateTimer(OnTimeout, call, request.Timeout, Timeout.InfiniteTimeSpan);
        }

        if (cancellationToken.CanBeCanceled)
        {
            registration = cancellationToken.UnsafeRegister(OnCancelled, call);
        }

        try
        {
            return await call.AsValueTask();
        }
        finally
        {
            timer?.Dispose();
            registration.Dispose();
        }
    }

    /// <summary>Queues a one-way call; it completes once the frame is handed to the write loop.</summary>
    public void SendOneWay(OutgoingCall request)
    {
        var id = (ulong)Interlocked.Increment(ref _nextRequestId);
        if (!TrySend(BuildFrame(FrameType.OneWay, id, request)))
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
        call!.Complete(header.Status == StatusCode.Ok
            ? CallResult.Success(header.Codec, frame.Payload)
            : CallResult.Failure(header.Status, ReadMessage(frame.Payload), ReadTrailers(in frame)));
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
        var notProcessed = new RpcException(StatusCode.Unavailable,
            $"the server closed the connection ({message}); the call was not processed and may be retried");
        foreach (var call in _pending.RemoveAbove(frame.Header.RequestId))
        {
            call.Complete(CallResult.Failure(notProcessed));
        }

        if (_pending.Count == 0)
        {
            _ = CloseAsync(new RpcException(StatusCode.Unavailable, "the server closed the connection: " + message));
        }
    }

    private void Abandon(PendingCall call, StatusCode status, string message)
    {
        if (!_pending.TryRemove(call.RequestId, out _))
        {
            return; // completed already
        }

        TrySend(FrameBuilder.Create(FrameType.Cancel, StatusCode.Ok, call.RequestId, null, default));
        call.Complete(CallResult.Failure(status, message));
    }

    private OutgoingFrame BuildFrame(FrameType type, ulong id, in OutgoingCall request)
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
                builder.AddMetadata(RpcMetadata.TimeoutKey, milliseconds.ToString(CultureInfo.InvariantCulture));
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
            request.Codec.SerializeArguments(builder, request.Arguments);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            builder.Abandon();
            throw new RpcException(StatusCode.Internal,
                $"could not encode the arguments of {request.Service}.{request.Method} with {request.Codec.Name}: {ex.Message}", ex);
        }

        var limits = PeerLimits;
        var entries = (request.Metadata?.Count ?? 0) + (request.Timeout == Timeout.InfiniteTimeSpan ? 2 : 3);
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

    private RpcException Unavailable() =>
        CloseReason is { } reason
            ? new RpcException(StatusCode.Unavailable, reason.Detail)
            : new RpcException(StatusCode.Unavailable, "the connection is closing");
}

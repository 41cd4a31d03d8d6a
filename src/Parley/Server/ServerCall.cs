using System.Buffers;
using System.Text;
using Parley.Codecs;
using Parley.Connections;
using Parley.Contracts;
using Parley.Protocol;
using Parley.Streams;

namespace Parley.Server;

/// <summary>
/// One request being served: queued to the thread pool by the read loop, it decodes the arguments, runs the handler
/// with a token that fires on deadline, CANCEL or disconnect, and sends the response. A unary call's object (with its
/// context, metadata and token source) is reused by its connection for a later call once this one has completed.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "The token source has no timer to free, and CANCEL may race with the call's end; it is left to the GC.")]
internal sealed class ServerCall : DeadlineItem, IThreadPoolWorkItem
{
    private readonly ServerConnection _connection;
    private readonly ServerRuntime _runtime;
    private readonly Action _onServed;
    private RpcMetadata _metadata = new(4);
    private ServerCallContext? _context;
    private CancellationTokenSource _cancellation = new();
    private ValueTask<OutgoingFrame> _serving;
    private byte _codecId;
    private string _service = "";
    private string _method = "";
    private byte[]? _payload;
    private int _payloadLength;
    private TimeSpan _timeout;
    private DateTimeOffset? _deadline;
    private int _cancelReason;
    private string? _callName;

    public ServerCall(ServerConnection connection, ServerRuntime runtime)
    {
        _connection = connection;
        _runtime = runtime;
        _onServed = OnServed;
    }

    public ulong RequestId { get; private set; }

    public bool IsOneWay { get; private set; }

    /// <summary>The kind the client opened the call as (its <c>:stream</c> metadata).</summary>
    public RpcMethodKind Kind { get; private set; }

    /// <summary>The request stream's messages, for client-streaming and bidirectional calls.</summary>
    public StreamInbox? Inbox { get; private set; }

    /// <summary>The client's credit for response messages, for server-streaming and bidirectional calls.</summary>
    public SendWindow? ResponseWindow { get; private set; }

    /// <summary>A unary call, whose object the connection may reuse; a stream's objects may outlive it.</summary>
    public bool IsReusable => Inbox is null && ResponseWindow is null;

    /// <summary>
    /// Takes a request for serving. <paramref name="metadata"/> is the request's parsed metadata; the call keeps it and
    /// hands back an empty one for the read loop's next request.
    /// </summary>
    public void Start(
        in FrameHeader header, ref RpcMetadata metadata, string service, string method, TimeSpan timeout, RpcMethodKind kind,
        in ReadOnlySequence<byte> payload)
    {
        RequestId = header.RequestId;
        Kind = kind;
        if (StreamKinds.HasRequestStream(kind))
        {
            var limits = _connection.LocalLimits;
            Inbox = new StreamInbox(_connection, header.RequestId, limits.StreamWindowBytes, limits.MaxPayloadBytes);
        }

        if (StreamKinds.HasResponseStream(kind))
        {
            // The client's HELLO came before its first REQUEST, so its window is known.
            ResponseWindow = new SendWindow(_connection.PeerLimits.StreamWindowBytes);
        }

        IsOneWay = header.Type == FrameType.OneWay;
        _codecId = header.Codec;
        (_metadata, metadata) = (metadata, _metadata);
        _service = service;
        _method = method;
        _timeout = timeout;
        _deadline = timeout == Timeout.InfiniteTimeSpan ? null : _runtime.Options.TimeProvider.GetUtcNow() + timeout;
        if (!payload.IsEmpty)
        {
            // The receive buffer is reused as soon as the read loop moves on, so the payload is copied out.
            _payloadLength = (int)payload.Length;
            _payload = FrameBuffers.Rent(_payloadLength);
            payload.CopyTo(_payload);
        }
    }

    /// <summary>Readies a completed unary call's object for the next request. Called by the connection only.</summary>
    public void Recycle()
    {
        // A token that fired cannot be reset; one that did not is reset, and its leftover registrations dropped.
        if (_cancelReason != 0 || !_cancellation.TryReset())
        {
            _cancellation = new CancellationTokenSource();
        }

        _cancelReason = 0;
        _context?.End();
        _metadata.Clear();
        (_callName, _deadline) = (null, null); // the payload went back to its pool in Finish
    }

    /// <summary>
    /// Fires the handler's token. The first reason wins; later ones are ignored. The connection calls it under its
    /// lock, while the call is still registered, so it never reaches an object already reused for another call.
    /// </summary>
    public void Cancel(CancelReason reason)
    {
        if (Interlocked.CompareExchange(ref _cancelReason, (int)reason, 0) == 0)
        {
            // CancelAsync runs the token's callbacks on the thread pool: this is often called from the read loop, which
            // must never run handler code.
            _cancellation.CancelAsync().ContinueWith(
                static (task, state) => ServerLog.CancellationCallbackFailed(((ServerRuntime)state!).Logger, task.Exception!),
                _runtime, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);

            // A handler waiting for a request message or for credit wakes up and finds its token fired.
            if (Inbox is not null || ResponseWindow is not null)
            {
                var stop = new RpcException(StatusCode.Cancelled, "the call was cancelled");
                Inbox?.Fail(stop);
                ResponseWindow?.Close(stop);
            }
        }
    }

    // Not async: a pooled object awaits with a continuation made once, so serving allocates no state machine of its own.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2012",
        Justification = "The ValueTask is consumed once: read at once when complete, else after its continuation runs.")]
    public void Execute()
    {
        var serving = ServeAsync();
        if (serving.IsCompleted)
        {
            Finish(serving);
            return;
        }

        _serving = serving;
        serving.GetAwaiter().UnsafeOnCompleted(_onServed);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2012", Justification = "As in Execute.")]
    private void OnServed()
    {
        var serving = _serving;
        _serving = default;
        Finish(serving);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2012", Justification = "As in Execute.")]
    private void Finish(ValueTask<OutgoingFrame> serving)
    {
        OutgoingFrame? response = null;
        try
        {
            response = serving.Result; // completed (Execute checked, or this is its continuation); never throws a handler's failure
        }
        catch (Exception ex)
        {
            ServerLog.HandlerFailed(_runtime.Logger, _service, _method, ex);
            response = Error(StatusCode.Internal, "the server failed while serving the call");
        }
        finally
        {
            Inbox?.Fail(null); // request messages the handler did not read go back to the connection's window
            ResponseWindow?.Close(new RpcException(StatusCode.Cancelled, "the call has completed"));
            if (_payload is not null)
            {
                FrameBuffers.Return(_payload);
                _payload = null;
            }

            var reason = (CancelReason)Volatile.Read(ref _cancelReason);
            if (response is { } frame)
            {
                // A cancelled or disconnected caller is not listening any more.
                if (IsOneWay || reason is CancelReason.CancelledByClient or CancelReason.ConnectionClosed)
                {
                    frame.Release();
                }
                else if (StreamKinds.HasResponseStream(Kind))
                {
                    _connection.TrySendStream(frame); // after the last stream message, which went the same way
                }
                else
                {
                    _connection.TrySend(frame);
                }
            }

            _connection.OnCallCompleted(this); // last: the object may be reused from here on
        }
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<OutgoingFrame> ServeAsync()
    {
        if (!_runtime.Registry.TryFind(_service, _method, out var method, out var error))
        {
            return Error(StatusCode.Unimplemented, error!);
        }

        var codec = _runtime.FindCodec(_codecId);
        if (codec is null)
        {
            return Error(StatusCode.Unimplemented,
                $"codec {_codecId} is not supported by this server; it accepts {_runtime.SupportedCodecs}");
        }

        if (method!.WhyNotCarriedBy(codec.Id) is { } notCarried)
        {
            return Error(StatusCode.Unimplemented, $"{_service}.{_method} cannot be called with {codec.Name}: {notCarried}");
        }

        var kind = method.Definition.Descriptor.Kind;
        if (kind != Kind)
        {
            return Error(StatusCode.Unimplemented,
                $"{_service}.{_method} is a {StreamKinds.Describe(kind)} method; it was called as a {StreamKinds.Describe(Kind)} one");
        }

        var context = _context ??= new ServerCallContext();
        context.Begin(
            _service, method.Definition, _metadata, _deadline, _connection.RemoteEndPoint, codec, Payload, this, _cancellation.Token);
        try
        {
            await _runtime.Pipeline(context);
        }
        catch (Exception ex) when (_cancellation.IsCancellationRequested
            && ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            return (CancelReason)Volatile.Read(ref _cancelReason) == CancelReason.Deadline
                ? Error(StatusCode.DeadlineExceeded, $"the deadline of {_timeout.TotalMilliseconds:0} ms passed while {_service}.{_method} ran")
                : Error(StatusCode.Cancelled, "the call was cancelled");
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Ok)
        {
            return Error(ex.StatusCode, ex.Detail, ex.Trailers);
        }
        catch (Exception ex)
        {
            ServerLog.HandlerFailed(_runtime.Logger, _service, _method, ex);
            return Error(StatusCode.Internal, _runtime.Options.IncludeExceptionDetails ? ex.ToString() : ex.Message);
        }

        if (StreamKinds.HasResponseStream(kind))
        {
            return FrameBuilder.Create(FrameType.Response, StatusCode.Ok, RequestId, null, default);
        }

        return Success(codec, method.ResultType, context.Result);
    }

    /// <summary>The pipeline's last step: decode the arguments, run the handler, keep its result.</summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask InvokeHandlerAsync(ServerCallContext context)
    {
        var descriptor = context.MethodDescriptor;
        object?[] arguments;
        try
        {
            // A streaming call with no argument besides its request stream sends none (see ClientConnection).
            arguments = descriptor.ArgumentTypes.Length == 0 && descriptor.HasRequestStream && context.Payload.IsEmpty
                ? []
                : context.Codec.DeserializeArguments(context.Payload, descriptor.ArgumentTypes);
        }
        catch (Exception ex)
        {
            var expected = string.Join(", ", descriptor.ArgumentTypes.Select(t => t.Name));
            throw new RpcException(StatusCode.InvalidArgument,
                $"could not decode the arguments of {context.Service}.{context.Method} ({expected}) with {context.Codec.Name}: {ex.Message}",
                ex);
        }

        context.Arguments = arguments;
        context.Result = await context.Definition.Invoker(arguments, context);
        if (descriptor.HasResponseStream)
        {
            // The stream is part of the call: middleware around this step sees it end, and its status.
            var items = context.Result ?? throw new RpcException(StatusCode.Internal,
                $"{context.Service}.{context.Method} returned null instead of a stream");
            context.Result = null;
            await ResponseStreams.SendAsync(items, descriptor.ResultType!, context);
        }
    }

    /// <summary>Sends one response message; waits for the client's credit. Throws once the call is cancelled.</summary>
    internal ValueTask SendResponseMessageAsync(object? item, Type type, RpcCodec codec, CancellationToken cancellationToken) =>
        _connection.SendStreamMessageAsync(RequestId, codec, item, type, ResponseWindow!, CallName, cancellationToken);

    /// <summary>Service and method, for messages.</summary>
    internal string CallName => _callName ??= _service + "." + _method;

    private ReadOnlySequence<byte> Payload =>
        _payload is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(_payload, 0, _payloadLength);

    private OutgoingFrame Success(RpcCodec codec, Type? resultType, object? result)
    {
        var builder = FrameBuilder.Start(null);
        try
        {
            if (resultType is not null)
            {
                codec.Serialize(builder, result, resultType);
            }
        }
        catch (Exception ex)
        {
            builder.Abandon();
            return Error(StatusCode.Internal, $"could not encode the result of {_service}.{_method} with {codec.Name}: {ex.Message}");
        }

        var limit = _connection.PeerLimits.MaxPayloadBytes;
        if (builder.PayloadLength > limit)
        {
            var length = builder.PayloadLength;
            builder.Abandon();
            return Error(StatusCode.ResourceExhausted,
                $"the result of {_service}.{_method} is {length} bytes, over the client's limit of {limit} bytes");
        }

        return builder.Finish(FrameType.Response, codec.Id, StatusCode.Ok, RequestId);
    }

    private OutgoingFrame Error(StatusCode status, string message, RpcMetadata? trailers = null) =>
        CreateError(RequestId, status, message, _connection.PeerLimits, trailers);

    /// <summary>
    /// An error RESPONSE: the status, the message as UTF-8 (cut to fit the peer's payload limit), and the trailers as
    /// metadata when they fit the peer's limits (dropped otherwise: the status and message matter more).
    /// </summary>
    public static OutgoingFrame CreateError(
        ulong requestId, StatusCode status, string message, ProtocolLimits peerLimits, RpcMetadata? trailers = null)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        var length = Math.Min(bytes.Length, peerLimits.MaxPayloadBytes);
        if (trailers is { Count: > 0 } && trailers.Count <= peerLimits.MaxMetadataEntries)
        {
            var frame = FrameBuilder.Create(FrameType.Response, status, requestId, trailers, bytes.AsSpan(0, length));
            if (frame.Length - FrameHeader.Size - length <= peerLimits.MaxMetadataBytes)
            {
                return frame;
            }

            frame.Release();
        }

        return FrameBuilder.Create(FrameType.Response, status, requestId, null, bytes.AsSpan(0, length));
    }
}

using Parley.Codecs;
using Parley.Connections;
using Parley.Contracts;
using Parley.Protocol;
using Parley.Streams;

namespace Parley.Client;

/// <summary>
/// A streaming call on the client: the pending call that the final RESPONSE (or a timeout, a cancellation, the
/// connection's loss) completes, the inbox of response messages, and the pump that sends the request stream.
/// Completing the call ends both directions: the inbox gets the status, the pump stops at once.
/// </summary>
internal sealed class ClientStream : IAsyncDisposable
{
    private readonly ClientConnection _connection;
    private readonly RpcCodec _codec;
    private readonly string _callName;
    private readonly CancellationTokenSource? _pumpStop;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _registration;
    private ITimer? _unreadDeadline;
    private int _completed;
    private int _disposed;

    public ClientStream(ClientConnection connection, PendingCall call, RpcMethodKind kind, RpcCodec codec, string callName)
    {
        _connection = connection;
        Call = call;
        Kind = kind;
        _codec = codec;
        _callName = callName;
        var limits = connection.LocalLimits;
        if (StreamKinds.HasResponseStream(kind))
        {
            Responses = new StreamInbox(connection, call.RequestId, limits.StreamWindowBytes, limits.MaxPayloadBytes);
        }

        if (StreamKinds.HasRequestStream(kind))
        {
            RequestWindow = new SendWindow(0);
            _pumpStop = new CancellationTokenSource();
        }
    }

    public PendingCall Call { get; }

    public RpcMethodKind Kind { get; }

    /// <summary>The response messages, for server-streaming and bidirectional calls.</summary>
    public StreamInbox? Responses { get; }

    /// <summary>The credit for request messages, for client-streaming and bidirectional calls.</summary>
    public SendWindow? RequestWindow { get; }

    /// <summary>Completes when the call does: normally, or with its status as an <see cref="RpcException"/>.</summary>
    public Task Completion => _completion.Task;

    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>
    /// Keeps the call's cancellation registration, freed when the call completes, or when the stream is disposed if the
    /// server ended it with messages still unread.
    /// </summary>
    public void Track(CancellationTokenRegistration registration)
    {
        _registration = registration;
        if (IsCompleted && Responses?.HasUnread != true)
        {
            FreeTracking();
        }
    }

    /// <summary>Called once, by whoever completes the pending call; <paramref name="fromServer"/> for a RESPONSE.</summary>
    public void OnCompleted(in CallResult result, bool fromServer)
    {
        Interlocked.Exchange(ref _completed, 1);
        var error = result.Status == StatusCode.Ok ? null : result.ToException();
        if (Responses is { } inbox)
        {
            if (fromServer)
            {
                inbox.TryEndFromPeer(error, midMessageIsError: false, out _);
            }
            else
            {
                inbox.Fail(error);
            }

            if (result.Status == StatusCode.Ok)
            {
                result.Release(); // a stream's closing RESPONSE carries nothing to decode
            }
        }

        var ended = error ?? new RpcException(StatusCode.Ok, "the call has completed");
        RequestWindow?.Close(ended);
        _ = _pumpStop?.CancelAsync(); // the source's cancellation callbacks must not run here, often the read loop
        if (error is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(error);
            _ = _completion.Task.Exception; // observed: only client middleware awaits it
        }

        if (Responses?.HasUnread == true) // only after the server's end: failing the inbox drops what it held
        {
            WatchUnread();
        }
        else
        {
            FreeTracking();
        }
    }

    /// <summary>Drops the response messages not read yet; the reader gets this status instead of them.</summary>
    public void DropUnread(StatusCode status, string message) => Responses?.Fail(new RpcException(status, message));

    // The server has ended the call, but its timeout covers the whole stream, reading included: messages still unread
    // when the deadline passes (or when the caller's token fires, whose registration stays) are dropped.
    private void WatchUnread()
    {
        if (Call.Timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var time = _connection.Time;
        var left = time.GetElapsedTime(time.GetTimestamp(), Call.DeadlineTimestamp);
        var timer = time.CreateTimer(
            static state =>
            {
                var stream = (ClientStream)state!;
                stream.DropUnread(StatusCode.DeadlineExceeded, stream.Call.TimeoutMessage);
            },
            this,
            left > TimeSpan.Zero ? left : TimeSpan.Zero,
            Timeout.InfiniteTimeSpan);
        Volatile.Write(ref _unreadDeadline, timer);
        if (Volatile.Read(ref _disposed) != 0)
        {
            Interlocked.Exchange(ref _unreadDeadline, null)?.Dispose();
        }
    }

    /// <summary>Starts sending <paramref name="items"/>, then STREAM_END; a failure of the source or of encoding cancels the call.</summary>
    public void StartPump<T>(IAsyncEnumerable<T> items) => _ = PumpAsync(items);

    /// <summary>Waits for the next response message; null at the end of the stream. Throws the call's status.</summary>
    public async ValueTask<InboundMessage?> ReadAsync()
    {
        var inbox = Responses!;
        while (true)
        {
            if (inbox.TryRead(out var message))
            {
                return message;
            }

            if (!await inbox.WaitToReadAsync().ConfigureAwait(false))
            {
                return null;
            }
        }
    }

    /// <summary>Decodes a response message as <typeparamref name="T"/> and releases its buffer.</summary>
    public T Decode<T>(InboundMessage message)
    {
        try
        {
            if (message.Codec != _codec.Id && message.Length > 0)
            {
                throw new RpcException(StatusCode.Internal,
                    $"{_callName} sent a stream message in codec {message.Codec}, but the call used {_codec.Name} ({_codec.Id})");
            }

            return (T)_codec.Deserialize(message.Payload, typeof(T))!;
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(StatusCode.Internal,
                $"could not decode a stream message of {_callName} as {typeof(T).Name}: {ex.Message}", ex);
        }
        finally
        {
            message.Release();
        }
    }

    /// <summary>Cancels the call if it is still running (the caller stopped reading) and frees what it holds.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return default;
        }

        if (!IsCompleted)
        {
            _connection.Cancel(Call, StatusCode.Cancelled, "the caller stopped reading the stream");
        }

        Responses?.Fail(null);
        Interlocked.Exchange(ref _unreadDeadline, null)?.Dispose();
        FreeTracking();
        return default;
    }

    private async Task PumpAsync<T>(IAsyncEnumerable<T> items)
    {
        var stop = _pumpStop!.Token;
        var window = RequestWindow!;
        try
        {
            await _connection.PeerHello.ConfigureAwait(false);
            window.Add(_connection.PeerLimits.StreamWindowBytes);
            await foreach (var item in items.WithCancellation(stop).ConfigureAwait(false))
            {
                await _connection.SendStreamMessageAsync(Call.RequestId, _codec, item, typeof(T), window, _callName, stop)
                    .ConfigureAwait(false);
            }

            if (!IsCompleted)
            {
                _connection.TrySendStream(FrameBuilder.Create(FrameType.StreamEnd, StatusCode.Ok, Call.RequestId, null, default));
            }
        }
        catch (Exception) when (IsCompleted)
        {
            // The call ended (answered, cancelled, timed out or lost) while the pump ran; its status stands.
        }
        catch (RpcException ex)
        {
            _connection.Cancel(Call, ex.StatusCode, ex.Detail);
        }
        catch (Exception ex)
        {
            _connection.Cancel(Call, StatusCode.Cancelled,
                $"the request stream of {_callName} threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private void FreeTracking()
    {
        _registration.Unregister();
    }
}

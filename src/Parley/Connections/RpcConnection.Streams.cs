using System.Buffers;
using System.Buffers.Binary;
using Parley.Codecs;
using Parley.Protocol;

namespace Parley.Connections;

internal abstract partial class RpcConnection
{
    /// <summary>The largest payload of one STREAM_MESSAGE frame this side sends; larger messages go in chunks.</summary>
    public const int ChunkBytes = 16 * 1024;

    private readonly ReceiveWindow _connectionReceive;
    private readonly SendWindow _connectionSend = new(0);
    private readonly TaskCompletionSource _peerHello = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the peer's HELLO has arrived, or the connection closed first.</summary>
    public Task PeerHello => _peerHello.Task;

    /// <summary>Connection credit this side may still spend on stream messages.</summary>
    public long ConnectionSendCredit => _connectionSend.Available;

    /// <summary>Connection credit the peer still has, as this side counts it.</summary>
    public long ConnectionReceiveCredit => _connectionReceive.Outstanding;

    /// <summary>Stream bytes this side is done with and will grant again in its next connection CREDIT.</summary>
    public long ConnectionUnreturnedCredit => _connectionReceive.Unreturned;

    /// <summary>Stream bytes received and not yet granted back: waiting for a consumer, or below the batching threshold.</summary>
    public long StreamBytesHeld() => LocalLimits.ConnectionWindowBytes - ConnectionReceiveCredit - ConnectionUnreturnedCredit;

    /// <summary>Bytes of stream frames queued for the write loop.</summary>
    public long QueuedStreamBytes => _outbox.QueuedStreamBytes;

    /// <summary>
    /// Encodes one message and sends it on stream <paramref name="requestId"/>, cut into chunks of at most
    /// <see cref="ChunkBytes"/>, each queued only once its cost is taken from <paramref name="window"/> and from the
    /// connection's window. <paramref name="callName"/> (service and method) is for error messages.
    /// </summary>
    /// <exception cref="RpcException">INTERNAL when the value cannot be encoded; RESOURCE_EXHAUSTED when it is larger than
    /// the peer's max-payload; UNAVAILABLE when the connection closes.</exception>
    public ValueTask SendStreamMessageAsync(
        ulong requestId, RpcCodec codec, object? value, Type type, SendWindow window, string callName, CancellationToken cancellationToken)
    {
        var builder = FrameBuilder.Start(null);
        try
        {
            codec.Serialize(builder, value, type);
        }
        catch (Exception ex)
        {
            builder.Abandon();
            return ValueTask.FromException(ex as RpcException ?? new RpcException(StatusCode.Internal,
                $"could not encode a stream message of {callName} as {type.Name} with {codec.Name}: {ex.Message}", ex));
        }

        var length = builder.PayloadLength;
        var limit = PeerLimits.MaxPayloadBytes;
        if (length > limit)
        {
            builder.Abandon();
            return ValueTask.FromException(new RpcException(StatusCode.ResourceExhausted,
                $"a stream message of {callName} is {length} bytes, over the peer's limit of {limit} bytes"));
        }

        var frame = builder.Finish(FrameType.StreamMessage, codec.Id, StatusCode.Ok, requestId);
        if (length > ChunkBytes)
        {
            return SendChunksAsync(frame, requestId, codec.Id, window, cancellationToken);
        }

        var taking = TakeCreditAsync(window, frame.Length, cancellationToken);
        if (!taking.IsCompletedSuccessfully)
        {
            return SendWhenCreditedAsync(frame, taking);
        }

        return TrySendStream(frame) ? default : ValueTask.FromException(Unavailable());
    }

    /// <summary>Sends CREDIT granting <paramref name="bytes"/> more for stream <paramref name="requestId"/> (0: the connection).</summary>
    public void SendCredit(ulong requestId, int bytes)
    {
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)bytes);
        TrySend(FrameBuilder.Create(FrameType.Credit, StatusCode.Ok, requestId, null, payload));
    }

    /// <summary>Gives back connection credit for stream bytes this side is done with (consumed or dropped).</summary>
    public void ReleaseConnectionCredit(int bytes)
    {
        if (_connectionReceive.Release(bytes) is var grant and > 0 && !IsClosing)
        {
            SendCredit(0, grant);
        }
    }

    /// <summary>Spends connection credit for a STREAM_MESSAGE received; false when the peer had none left.</summary>
    protected bool TrySpendConnectionCredit(in Frame frame, out string? protocolError)
    {
        var cost = FrameHeader.Size + frame.Header.PayloadLength;
        if (_connectionReceive.TrySpend(cost))
        {
            protocolError = null;
            return true;
        }

        protocolError = $"STREAM_MESSAGE of {cost} bytes exceeds the credit granted to the connection";
        return false;
    }

    /// <summary>Reads a CREDIT frame's grant; false when it is zero.</summary>
    protected static bool TryReadCredit(in Frame frame, out int bytes, out string? protocolError)
    {
        Span<byte> payload = stackalloc byte[4];
        frame.Payload.CopyTo(payload);
        var grant = BinaryPrimitives.ReadUInt32BigEndian(payload);
        if (grant is 0 or > int.MaxValue)
        {
            bytes = 0;
            protocolError = $"CREDIT for request {frame.Header.RequestId} grants {grant} bytes; a grant is 1 to 2147483647";
            return false;
        }

        bytes = (int)grant;
        protocolError = null;
        return true;
    }

    /// <summary>Adds a grant to a send window; false (a protocol error) when it takes the window past its maximum.</summary>
    protected static bool TryAddCredit(SendWindow window, ulong requestId, int bytes, out string? protocolError)
    {
        if (window.Add(bytes))
        {
            protocolError = null;
            return true;
        }

        protocolError = $"CREDIT for request {requestId} takes its window past {SendWindow.MaxCredit} bytes";
        return false;
    }

    private bool OnConnectionCredit(in Frame frame, out string? protocolError) =>
        TryReadCredit(in frame, out var bytes, out protocolError) && TryAddCredit(_connectionSend, 0, bytes, out protocolError);

    private void OnPeerHello()
    {
        _connectionSend.Add(PeerLimits.ConnectionWindowBytes);
        _peerHello.TrySetResult();
    }

    private void CloseStreams(RpcException reason)
    {
        _connectionSend.Close(reason);
        _peerHello.TrySetResult(); // waiting senders go on and find the connection closed
        EndHeartbeat(answered: false);
    }

    private ValueTask TakeCreditAsync(SendWindow window, int cost, CancellationToken cancellationToken)
    {
        if (!window.TryTake(cost))
        {
            return TakeBothAsync(window, cost, cancellationToken);
        }

        return _connectionSend.TryTake(cost) ? default : TakeConnectionCreditAsync(window, cost, cancellationToken);
    }

    private async ValueTask TakeBothAsync(SendWindow window, int cost, CancellationToken cancellationToken)
    {
        await window.TakeAsync(cost, cancellationToken).ConfigureAwait(false);
        await TakeConnectionCreditAsync(window, cost, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask TakeConnectionCreditAsync(SendWindow window, int cost, CancellationToken cancellationToken)
    {
        try
        {
            await _connectionSend.TakeAsync(cost, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            window.Add(cost); // the stream's credit was taken for a frame that will not be sent
            throw;
        }
    }

    private async ValueTask SendWhenCreditedAsync(OutgoingFrame frame, ValueTask taking)
    {
        try
        {
            await taking.ConfigureAwait(false);
        }
        catch
        {
            frame.Release();
            throw;
        }

        if (!TrySendStream(frame))
        {
            throw Unavailable();
        }
    }

    private async ValueTask SendChunksAsync(
        OutgoingFrame whole, ulong requestId, byte codec, SendWindow window, CancellationToken cancellationToken)
    {
        try
        {
            var payload = whole.Memory[FrameHeader.Size..];
            for (var offset = 0; offset < payload.Length; offset += ChunkBytes)
            {
                var length = Math.Min(ChunkBytes, payload.Length - offset);
                var flags = offset + length < payload.Length ? FrameFlags.More : FrameFlags.None;
                var chunk = FrameBuilder.Create(
                    FrameType.StreamMessage, StatusCode.Ok, requestId, null, payload.Span.Slice(offset, length), codec, flags);
                await SendWhenCreditedAsync(chunk, TakeCreditAsync(window, chunk.Length, cancellationToken)).ConfigureAwait(false);
            }
        }
        finally
        {
            whole.Release();
        }
    }

    /// <summary>UNAVAILABLE, with why the connection closed when it has.</summary>
    protected RpcException Unavailable() =>
        new(StatusCode.Unavailable, CloseReason?.Detail ?? "the connection is closing");
}

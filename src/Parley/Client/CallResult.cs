using System.Buffers;
using Parley.Protocol;

namespace Parley.Client;

/// <summary>
/// What came back for one call: a status, and either the result payload (in a pooled buffer the receiver must
/// <see cref="Release"/>) or an error message.
/// </summary>
internal readonly struct CallResult
{
    private readonly byte[]? _payload;
    private readonly int _payloadLength;

    private CallResult(
        StatusCode status, string? message, byte codec, byte[]? payload, int payloadLength, RpcMetadata? trailers = null, bool notProcessed = false)
    {
        NotProcessed = notProcessed;
        Trailers = trailers;
        Status = status;
        Message = message;
        Codec = codec;
        _payload = payload;
        _payloadLength = payloadLength;
    }

    public StatusCode Status { get; }

    public RpcMetadata? Trailers { get; }

    public string? Message { get; }

    public byte Codec { get; }

    /// <summary>True when the server is known not to have run the call (it was never sent, or the server refused it
    /// unseen), so it may be repeated even when it is not idempotent.</summary>
    public bool NotProcessed { get; }

    public ReadOnlySequence<byte> Payload =>
        _payload is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(_payload, 0, _payloadLength);

    public static CallResult Success(byte codec, in ReadOnlySequence<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return new CallResult(StatusCode.Ok, null, codec, null, 0);
        }

        var length = (int)payload.Length;
        var buffer = FrameBuffers.Rent(length);
        payload.CopyTo(buffer);
        return new CallResult(StatusCode.Ok, null, codec, buffer, length);
    }

    public static CallResult Failure(StatusCode status, string message, RpcMetadata? trailers = null) =>
        new(status, message, 0, null, 0, trailers);

    public static CallResult Failure(RpcException exception) => Failure(exception.StatusCode, exception.Detail);

    /// <summary>A failure of a call the server never ran.</summary>
    public static CallResult NotSent(StatusCode status, string message) => new(status, message, 0, null, 0, null, notProcessed: true);

    public RpcException ToException() => new(Status, Message ?? string.Empty, Trailers);

    public void Release()
    {
        if (_payload is not null)
        {
            FrameBuffers.Return(_payload);
        }
    }
}

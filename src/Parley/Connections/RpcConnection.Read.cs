using System.Buffers;
using System.Text;
using Parley.Protocol;

namespace Parley.Connections;

internal abstract partial class RpcConnection
{
    private long _lastReceived;
    private bool _helloReceived;

    private async Task ReadLoopAsync()
    {
        var input = _transport.Pipe.Input;
        RpcException? reason = null;
        try
        {
            while (reason is null)
            {
                var result = await input.ReadAsync();
                Volatile.Write(ref _lastReceived, Settings.TimeProvider.GetTimestamp());
                var buffer = result.Buffer;
                reason = ReadFrames(ref buffer);
                if (reason is null && result.IsCompleted)
                {
                    reason = buffer.IsEmpty
                        ? new RpcException(StatusCode.Unavailable, "connection closed by the peer")
                        : ProtocolViolation($"connection closed in the middle of a frame ({buffer.Length} bytes left)");
                }

                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (Exception ex) when (!IsClosing)
        {
            reason = new RpcException(StatusCode.Unavailable, "connection lost: " + ex.Message, ex);
        }
        catch (Exception)
        {
            // Shutdown already began elsewhere and closed the transport under this loop; its reason stands.
            return;
        }

        if (reason.StatusCode == StatusCode.Internal)
        {
            ConnectionLog.ProtocolError(Settings.Logger, Id, RemoteEndPoint, reason.Detail);
            await GoAwayAndCloseAsync(LastAcceptedRequestId, reason);
        }
        else
        {
            await CloseAsync(reason);
        }
    }

    // Parses every whole frame in the buffer; returns the reason to close, or null to keep reading.
    private RpcException? ReadFrames(ref ReadOnlySequence<byte> buffer)
    {
        while (!IsClosing)
        {
            switch (FrameReader.TryRead(ref buffer, Settings.Limits, out var frame, out var error))
            {
                case FrameReadStatus.Incomplete:
                    return null;
                case FrameReadStatus.Invalid:
                    return ProtocolViolation(error!);
            }

            if (!Dispatch(in frame, out error))
            {
                return ProtocolViolation(error!);
            }
        }

        return null;
    }

    private bool Dispatch(in Frame frame, out string? error)
    {
        error = null;
        var type = frame.Header.Type;
        if (!_helloReceived)
        {
            if (type != FrameType.Hello)
            {
                error = $"expected HELLO as the first frame, got {type}";
                return false;
            }

            return OnHello(in frame, out error);
        }

        switch (type)
        {
            case FrameType.Hello:
                error = "HELLO sent twice";
                return false;
            case FrameType.Ping:
                Span<byte> echo = stackalloc byte[8];
                frame.Payload.CopyTo(echo);
                TrySend(FrameBuilder.Create(FrameType.Pong, StatusCode.Ok, 0, null, echo));
                return true;
            case FrameType.Pong:
                OnPong(in frame);
                return true;
            case FrameType.Credit when frame.Header.RequestId == 0:
                return OnConnectionCredit(in frame, out error);
            default:
                return OnFrame(in frame, out error);
        }
    }

    private static readonly ProtocolLimits HelloLimits = new();

    private bool OnHello(in Frame frame, out string? error)
    {
        // HELLO is sent before either side knows the other's limits, so it is held to the protocol's defaults.
        if (!MetadataCodec.TryRead(frame.Metadata, HelloLimits, out var metadata, out error)
            || !HelloMetadata.TryParse(metadata, out var limits, out var agent, out error))
        {
            return false;
        }

        PeerLimits = limits;
        _helloReceived = true;
        OnPeerHello();
        ConnectionLog.Handshake(Settings.Logger, Id, RemoteEndPoint, agent);
        return true;
    }

    private static RpcException ProtocolViolation(string error) =>
        new(StatusCode.Internal, "protocol error: " + error);

    /// <summary>Decodes the UTF-8 message carried by an error RESPONSE or a GOAWAY.</summary>
    protected static string ReadMessage(in ReadOnlySequence<byte> payload) =>
        payload.IsEmpty ? string.Empty : Encoding.UTF8.GetString(payload);
}

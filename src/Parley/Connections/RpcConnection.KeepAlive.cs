using System.Buffers.Binary;
using Parley.Protocol;

namespace Parley.Connections;

internal abstract partial class RpcConnection
{
    private long _startedAt;
    private long _lastPingSent;

    private void Tick()
    {
        if (IsClosing)
        {
            return;
        }

        var time = Settings.TimeProvider;
        var now = time.GetTimestamp();
        if (!_helloReceived && time.GetElapsedTime(_startedAt, now) >= Settings.HandshakeTimeout)
        {
            _ = GoAwayAndCloseAsync(LastAcceptedRequestId, ProtocolViolation($"no HELLO within the handshake timeout of {Settings.HandshakeTimeout}"));
            return;
        }

        if (Settings.KeepAliveInterval != Timeout.InfiniteTimeSpan)
        {
            var silent = time.GetElapsedTime(Volatile.Read(ref _lastReceived), now);
            if (silent >= Settings.KeepAliveInterval + Settings.KeepAliveTimeout)
            {
                Abort(new RpcException(
                    StatusCode.Unavailable,
                    $"the peer sent nothing for {silent.TotalMilliseconds:0} ms and did not answer a keepalive ping " +
                    $"(interval {Settings.KeepAliveInterval.TotalMilliseconds:0} ms, timeout {Settings.KeepAliveTimeout.TotalMilliseconds:0} ms)"));
                return;
            }

            if (silent >= Settings.KeepAliveInterval && time.GetElapsedTime(_lastPingSent, now) >= Settings.KeepAliveInterval)
            {
                _lastPingSent = now;
                Span<byte> payload = stackalloc byte[8];
                BinaryPrimitives.WriteInt64BigEndian(payload, now);
                TrySend(FrameBuilder.Create(FrameType.Ping, StatusCode.Ok, 0, null, payload));
            }
        }

        OnTick(now);
    }
}

using System.Buffers;
using System.Buffers.Binary;
using Parley.Protocol;

namespace Parley.Connections;

internal abstract partial class RpcConnection
{
    // Heartbeat PINGs carry negative numbers, keepalive PINGs a (positive) timestamp, so their PONGs never mix up.
    private static long s_lastHeartbeat;
    private readonly Lock _heartbeatGate = new();
    private TaskCompletionSource<bool>? _heartbeat;
    private long _heartbeatPayload;
    private long _startedAt;
    private long _lastPingSent;
    private long _lastTick;
    private long _stallEndedAt;

    /// <summary>
    /// Sends a PING now, whatever the keepalive is doing, and completes with true when its PONG arrives or false when
    /// the connection closes first. One at a time: while one is unanswered, callers share it. The caller decides how
    /// long to wait.
    /// </summary>
    public Task<bool> HeartbeatAsync()
    {
        TaskCompletionSource<bool> heartbeat;
        long payload;
        lock (_heartbeatGate)
        {
            if (_heartbeat is { } outstanding)
            {
                return outstanding.Task;
            }

            if (IsClosing)
            {
                return Task.FromResult(false);
            }

            heartbeat = _heartbeat = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            payload = _heartbeatPayload = -Interlocked.Increment(ref s_lastHeartbeat);
        }

        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, payload);
        if (!TrySend(FrameBuilder.Create(FrameType.Ping, StatusCode.Ok, 0, null, bytes)))
        {
            EndHeartbeat(answered: false);
        }

        return heartbeat.Task;
    }

    private void OnPong(in Frame frame)
    {
        if (frame.Payload.Length != 8)
        {
            return;
        }

        Span<byte> bytes = stackalloc byte[8];
        frame.Payload.CopyTo(bytes);
        if (BinaryPrimitives.ReadInt64BigEndian(bytes) == Volatile.Read(ref _heartbeatPayload))
        {
            EndHeartbeat(answered: true);
        }
    }

    private void EndHeartbeat(bool answered)
    {
        TaskCompletionSource<bool>? heartbeat;
        lock (_heartbeatGate)
        {
            heartbeat = _heartbeat;
            _heartbeat = null;
            _heartbeatPayload = 0;
        }

        heartbeat?.TrySetResult(answered);
    }

    private void Tick()
    {
        if (IsClosing)
        {
            return;
        }

        var time = Settings.TimeProvider;
        var now = time.GetTimestamp();
        var sinceLastTick = time.GetElapsedTime(Interlocked.Exchange(ref _lastTick, now), now);
        if (!_helloReceived && time.GetElapsedTime(_startedAt, now) >= Settings.HandshakeTimeout)
        {
            _ = GoAwayAndCloseAsync(LastAcceptedRequestId, ProtocolViolation($"no HELLO within the handshake timeout of {Settings.HandshakeTimeout}"));
            return;
        }

        if (Settings.KeepAliveInterval != Timeout.InfiniteTimeSpan)
        {
            // After a stall of this process the peer is judged as if it last spoke one interval ago: a PING goes out
            // now and it has the whole timeout to answer.
            if (LocalStall.Detected(sinceLastTick - Settings.TickPeriod, Settings.KeepAliveTimeout))
            {
                Volatile.Write(ref _stallEndedAt, now);
            }

            var silent = ConnectionSettings.Min(
                time.GetElapsedTime(Volatile.Read(ref _lastReceived), now),
                time.GetElapsedTime(Volatile.Read(ref _stallEndedAt), now) + Settings.KeepAliveInterval);
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

using System.Net;
using System.Text;
using Parley.Protocol;
using Parley.Transport;

namespace Parley.Connections;

/// <summary>
/// One multiplexed connection, shared by client and server: exactly one read loop, one write loop and one timer.
/// Subclasses handle the call frames; this class owns the handshake, keepalive and the one way a connection ends.
/// </summary>
/// <remarks>
/// Thread-safety: <see cref="TrySend"/>, <see cref="Abort"/> and <see cref="CloseAsync"/> may be called from any thread.
/// <see cref="OnFrame"/> runs on the read loop and must not block or run user code.
/// </remarks>
internal abstract partial class RpcConnection
{
    private static long s_nextId;

    private readonly ITransportConnection _transport;
    private readonly FrameOutbox _outbox = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _timer;
    private Task _writeLoop = Task.CompletedTask;
    private int _shutdownStarted;
    private RpcException? _closeReason;

    protected RpcConnection(ITransportConnection transport, ConnectionSettings settings)
    {
        _transport = transport;
        Settings = settings;
        Id = "c" + Interlocked.Increment(ref s_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        RemoteEndPoint = transport.RemoteEndPoint;
        _connectionReceive = new ReceiveWindow(settings.Limits.ConnectionWindowBytes);
    }

    /// <summary>A short id for logs, unique in the process.</summary>
    public string Id { get; }

    public EndPoint? RemoteEndPoint { get; }

    protected ConnectionSettings Settings { get; }

    /// <summary>The limits this side enforces and announced in its HELLO.</summary>
    public ProtocolLimits LocalLimits => Settings.Limits;

    /// <summary>The limits the peer announced in its HELLO (protocol defaults until it arrives).</summary>
    public ProtocolLimits PeerLimits { get; private set; } = new();

    /// <summary>Completes once the connection is closed and every pending call has been failed.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Why the connection closed, or null while it is open.</summary>
    public RpcException? CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>True from the moment shutdown begins; no new call may start.</summary>
    public bool IsClosing => Volatile.Read(ref _shutdownStarted) != 0;

    /// <summary>Starts the loops and sends HELLO. Called once.</summary>
    public void Start()
    {
        _lastReceived = Settings.TimeProvider.GetTimestamp();
        _startedAt = _lastReceived;
        _lastTick = _lastReceived;
        _stallEndedAt = _lastReceived; // no stall yet: the silence since then is never longer than the real one
        TrySend(FrameBuilder.Create(
            FrameType.Hello, StatusCode.Ok, 0, HelloMetadata.Create(Settings.Limits, Settings.Agent), default));
        _writeLoop = Task.Run(WriteLoopAsync);
        _ = Task.Run(ReadLoopAsync);
        var period = Settings.TickPeriod;
        _timer = Settings.TimeProvider.CreateTimer(static state => ((RpcConnection)state!).Tick(), this, period, period);
    }

    /// <summary>Queues a frame for the write loop. Returns false (and releases the frame) once the connection is closing.</summary>
    public bool TrySend(OutgoingFrame frame)
    {
        if (_outbox.TryEnqueue(frame, isStream: false))
        {
            return true;
        }

        frame.Release();
        return false;
    }

    /// <summary>
    /// Queues a frame of a stream (STREAM_MESSAGE, STREAM_END, a streaming call's RESPONSE), which the write loop sends
    /// after the call frames. Returns false (and releases the frame) once the connection is closing.
    /// </summary>
    public bool TrySendStream(OutgoingFrame frame)
    {
        if (_outbox.TryEnqueue(frame, isStream: true))
        {
            return true;
        }

        frame.Release();
        return false;
    }

    /// <summary>Closes at once: unsent frames are dropped and the socket is reset.</summary>
    public void Abort(RpcException reason) => _ = ShutdownAsync(reason, graceful: false);

    /// <summary>Closes after the frames already queued have been sent (bounded by a few seconds).</summary>
    public Task CloseAsync(RpcException reason) => ShutdownAsync(reason, graceful: true);

    /// <summary>Handles a call frame on the read loop. Returns false with a reason when the frame breaks the protocol.</summary>
    protected abstract bool OnFrame(in Frame frame, out string? protocolError);

    /// <summary>Called once when shutdown starts, before the transport closes: fail or cancel every call here.</summary>
    protected abstract void OnClosing(RpcException reason);

    /// <summary>The highest request id this side has accepted, announced in a GOAWAY sent on a protocol error.</summary>
    protected virtual ulong LastAcceptedRequestId => 0;

    /// <summary>Called on the timer thread about every <see cref="ConnectionSettings.TickPeriod"/>.</summary>
    protected virtual void OnTick(long now)
    {
    }

    /// <summary>Sends GOAWAY with the reason's status and message, then closes gracefully.</summary>
    protected Task GoAwayAndCloseAsync(ulong lastRequestId, RpcException reason) =>
        GoAwayAndCloseAsync(lastRequestId, reason.StatusCode, reason);

    /// <summary>Sends GOAWAY with <paramref name="goAwayStatus"/> and the reason's message, then closes gracefully.</summary>
    protected Task GoAwayAndCloseAsync(ulong lastRequestId, StatusCode goAwayStatus, RpcException reason)
    {
        SendGoAway(lastRequestId, goAwayStatus, reason.Detail);
        return CloseAsync(reason);
    }

    /// <summary>Queues GOAWAY: requests up to <paramref name="lastRequestId"/> are served, later ones were not processed.</summary>
    protected void SendGoAway(ulong lastRequestId, StatusCode status, string message) =>
        TrySend(FrameBuilder.Create(FrameType.GoAway, status, lastRequestId, null, Encoding.UTF8.GetBytes(message)));

    private async Task ShutdownAsync(RpcException reason, bool graceful)
    {
        if (Interlocked.Exchange(ref _shutdownStarted, 1) != 0)
        {
            await Completion;
            return;
        }

        Volatile.Write(ref _closeReason, reason);
        _timer?.Dispose();
        _outbox.Complete();
        CloseStreams(reason);
        ConnectionLog.Closing(Settings.Logger, Id, RemoteEndPoint, reason.StatusCode, reason.Detail);
        try
        {
            OnClosing(reason);
        }
        finally
        {
            if (graceful)
            {
                // The write loop drains what is queued and then completes the output; the transport flushes it.
                await _writeLoop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            else
            {
                _transport.Abort();
            }

            await _transport.DisposeAsync();
            _completion.TrySetResult();
        }
    }
}

using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Parley.Transport;

/// <summary>
/// A TCP connection as a pair of pipes: a receive loop moves bytes from the socket into the input pipe, a send loop
/// moves everything the application has written from the output pipe to the socket in as few sends as possible.
/// </summary>
internal sealed class SocketConnection : ITransportConnection, IDuplexPipe
{
    private readonly Socket _socket;
    private readonly Pipe _receive;
    private readonly Pipe _send;
    private readonly Task _receiveLoop;
    private readonly Task _sendLoop;
    private readonly List<ArraySegment<byte>> _segments = [];
    private int _aborted;

    public SocketConnection(Socket socket, long maxFrameBytes)
    {
        _socket = socket;
        ConfigureSocket(socket);
        LocalEndPoint = socket.LocalEndPoint;
        RemoteEndPoint = socket.RemoteEndPoint;
        _receive = new Pipe(TransportPipeOptions.ForReceive(maxFrameBytes));
        _send = new Pipe(TransportPipeOptions.ForSend);
        _receiveLoop = Task.Run(ReceiveLoopAsync);
        _sendLoop = Task.Run(SendLoopAsync);
    }

    public IDuplexPipe Pipe => this;

    public PipeReader Input => _receive.Reader;

    public PipeWriter Output => _send.Writer;

    public EndPoint? LocalEndPoint { get; }

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>TCP_NODELAY (frames are already batched, Nagle would only add latency) and keepalive on every socket.</summary>
    public static void ConfigureSocket(Socket socket)
    {
        socket.NoDelay = true;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
    }

    private async Task ReceiveLoopAsync()
    {
        var writer = _receive.Writer;
        Exception? error = null;
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(8192);
                var received = await _socket.ReceiveAsync(memory, SocketFlags.None);
                if (received == 0)
                {
                    break; // the peer closed its sending direction
                }

                writer.Advance(received);
                var flush = await writer.FlushAsync();
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            error = Volatile.Read(ref _aborted) == 1 ? new ConnectionAbortedException() : ex;
        }

        await writer.CompleteAsync(error);
    }

    private async Task SendLoopAsync()
    {
        var reader = _send.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    await SendAsync(buffer);
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            _socket.Shutdown(SocketShutdown.Send);
            await reader.CompleteAsync();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            await reader.CompleteAsync(ex);
            Abort();
        }
    }

    private ValueTask<int> SendAsync(in System.Buffers.ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
        {
            return _socket.SendAsync(buffer.First, SocketFlags.None);
        }

        // Many frames from many callers usually span several pipe segments: send them in one gather call.
        _segments.Clear();
        foreach (var segment in buffer)
        {
            if (!MemoryMarshal.TryGetArray(segment, out var array))
            {
                throw new InvalidOperationException("Pipe memory is not array-backed.");
            }

            _segments.Add(array);
        }

        return new ValueTask<int>(_socket.SendAsync(_segments, SocketFlags.None));
    }

    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) == 1)
        {
            return;
        }

        // Linger 0 turns the close into a reset, so the peer learns at once that nothing more will come.
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
        _send.Reader.CancelPendingRead();
    }

    public async ValueTask DisposeAsync()
    {
        // Let the send loop flush what the application wrote (it completes the output pipe first), then close.
        await _send.Writer.CompleteAsync();
        await _sendLoop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        // The receive loop may be parked in FlushAsync on a full pipe that nobody reads any more (a peer still
        // sending after the application stopped reading); cancelling the flush lets it end.
        _receive.Writer.CancelPendingFlush();
        await _receiveLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _receive.Reader.CompleteAsync();
    }
}

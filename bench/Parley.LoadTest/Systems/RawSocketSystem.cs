using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Parley.LoadTest.Systems;

/// <summary>
/// The floor: the echo and the server stream over one raw TCP socket with the least framing that is still correct
/// under many concurrent callers. It stands for the most one connection carries on this machine, so that the results
/// show how close the other systems come.
/// </summary>
/// <remarks>
/// <para>
/// What is measured: one TCP connection (TCP_NODELAY on both ends) carrying frames of a 13-byte header (body length,
/// int32 little-endian; kind, one byte; request id, int64 little-endian) and a body. The client encodes the caller's
/// string as UTF-8 straight into its send buffer and decodes the reply's body into a new string for the caller: the
/// two costs no RPC can avoid. The server does not decode: it copies the request's body into the reply.
/// </para>
/// <para>
/// Many callers share the connection. Each registers a <see cref="TaskCompletionSource{TResult}"/> under a new request
/// id in a pending table, then hands its frame to the connection's one send loop through a channel; the one read loop
/// matches each reply to its caller by id and completes it on the thread pool, never on the read loop. The send loop
/// copies every frame already queued into one buffer and sends it with one call, as every multiplexer does; it never
/// waits for more frames to fill a batch, so a lone caller's frame goes out at once. The server has the same two loops
/// per connection.
/// </para>
/// <para>
/// Streaming: the client sends a stream request (count and size); the server sends that many item frames with the
/// request's id, each the same <c>size</c> bytes of <c>x</c> encoded once, then an end frame. The client's read loop
/// decodes every item into a string and hands it to the caller through a channel of that stream; the caller checks its
/// length and counts it. There is no flow control beyond TCP's.
/// </para>
/// <para>
/// Left out on purpose: a serialization format, metadata, deadlines, TLS, and a cancel frame: a cancelled caller stops
/// waiting, and its reply, or the rest of its stream, is still sent, then read and dropped by the client.
/// </para>
/// </remarks>
internal sealed class RawSocketSystem : IBenchSystem
{
    private const int HeaderSize = 13;
    private const int MaxBodyBytes = 64 * 1024 * 1024;
    private const int SendBufferBytes = 64 * 1024;

    // The server's send queue is bounded so that a stream cannot queue all of its messages ahead of the socket; the
    // read loop waits behind the same bound, which is TCP's backpressure passed on to the client.
    private const int ServerQueuedFrames = 1024;

    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 64 * 1024);

    public string Name => "raw-socket";

    public bool SupportsStreaming => true;

    public Task<IBenchServer> StartServerAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return Task.FromResult<IBenchServer>(new RawSocketServer(listener));
    }

    public async Task<IBenchClient> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new RawSocketClient(socket);
    }

    private enum FrameKind : byte
    {
        EchoRequest = 1,
        EchoReply = 2,
        StreamRequest = 3,
        StreamItem = 4,
        StreamEnd = 5,
    }

    /// <summary>
    /// A frame waiting for the send loop: its body is <c>Text</c> encoded, or else <c>Body</c>, whose pooled array
    /// <c>Rented</c> (if any) goes back to the pool once the frame is copied out.
    /// </summary>
    private readonly record struct OutgoingFrame(FrameKind Kind, long Id, string? Text, ReadOnlyMemory<byte> Body, byte[]? Rented);

    /// <summary>Takes one whole frame off the front of <paramref name="buffer"/>; false when more bytes are needed.</summary>
    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out FrameKind kind, out long id, out ReadOnlySequence<byte> body)
    {
        kind = default;
        id = 0;
        body = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> scratch = stackalloc byte[HeaderSize];
        var header = buffer.FirstSpan.Length >= HeaderSize ? buffer.FirstSpan[..HeaderSize] : Copy(buffer, scratch);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);

        // The limit is checked from the header, before waiting for (and buffering) a body of that size.
        if ((uint)length > MaxBodyBytes)
        {
            ThrowInvalidFrame($"a body of {length} bytes (the limit is {MaxBodyBytes})");
        }

        if (buffer.Length < HeaderSize + length)
        {
            return false;
        }

        kind = (FrameKind)header[4];
        id = BinaryPrimitives.ReadInt64LittleEndian(header[5..]);
        body = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(body.End);
        return true;

        static ReadOnlySpan<byte> Copy(in ReadOnlySequence<byte> buffer, Span<byte> scratch)
        {
            buffer.Slice(0, HeaderSize).CopyTo(scratch);
            return scratch;
        }
    }

    [DoesNotReturn]
    private static void ThrowInvalidFrame(string detail) => throw new InvalidDataException($"raw-socket: invalid frame: {detail}.");

    /// <summary>
    /// A connection's one send loop. Any number of writers queue frames; the loop copies all that are queued into one
    /// buffer and sends it with one call, and sends before the buffer grows past <see cref="SendBufferBytes"/>.
    /// </summary>
    private sealed class FrameSender(Socket socket, Channel<OutgoingFrame> queue)
    {
        public bool TryEnqueue(in OutgoingFrame frame) => queue.Writer.TryWrite(frame);

        /// <summary>Queues <paramref name="frame"/>, waiting while a bounded queue is full; throws <see cref="ChannelClosedException"/> once the sender is done.</summary>
        public ValueTask EnqueueAsync(in OutgoingFrame frame) => queue.Writer.TryWrite(frame) ? default : queue.Writer.WriteAsync(frame);

        public void Complete() => queue.Writer.TryComplete();

        /// <summary>Sends until <see cref="Complete"/> and the queue is empty, or until the socket fails (then the caller's connection closes).</summary>
        public async Task RunAsync()
        {
            var reader = queue.Reader;
            var buffer = new ArrayBufferWriter<byte>(SendBufferBytes);
            try
            {
                while (await reader.WaitToReadAsync())
                {
                    while (reader.TryRead(out var frame))
                    {
                        Write(buffer, frame);
                        if (buffer.WrittenCount >= SendBufferBytes)
                        {
                            await SendAsync(buffer);
                        }
                    }

                    if (buffer.WrittenCount > 0)
                    {
                        await SendAsync(buffer);
                    }
                }
            }
            finally
            {
                // After a failed send as after Complete: refuse further frames, and give back the pooled arrays of
                // frames that will never be sent.
                queue.Writer.TryComplete();
                while (reader.TryRead(out var frame))
                {
                    Return(frame);
                }
            }
        }

        private static void Write(ArrayBufferWriter<byte> buffer, in OutgoingFrame frame)
        {
            var bodyLength = frame.Text is null ? frame.Body.Length : Encoding.UTF8.GetByteCount(frame.Text);
            var span = buffer.GetSpan(HeaderSize + bodyLength);
            BinaryPrimitives.WriteInt32LittleEndian(span, bodyLength);
            span[4] = (byte)frame.Kind;
            BinaryPrimitives.WriteInt64LittleEndian(span[5..], frame.Id);
            if (frame.Text is null)
            {
                frame.Body.Span.CopyTo(span[HeaderSize..]);
            }
            else
            {
                Encoding.UTF8.GetBytes(frame.Text, span[HeaderSize..]);
            }

            buffer.Advance(HeaderSize + bodyLength);
            Return(frame);
        }

        private static void Return(in OutgoingFrame frame)
        {
            if (frame.Rented is not null)
            {
                ArrayPool<byte>.Shared.Return(frame.Rented);
            }
        }

        private async ValueTask SendAsync(ArrayBufferWriter<byte> buffer)
        {
            var pending = buffer.WrittenMemory;
            while (!pending.IsEmpty)
            {
                var sent = await socket.SendAsync(pending, SocketFlags.None);
                pending = pending[sent..];
            }

            buffer.ResetWrittenCount();
        }
    }

    /// <summary>Accepts connections until disposed; each connection echoes and streams independently.</summary>
    private sealed class RawSocketServer : IBenchServer
    {
        private readonly Socket _listener;
        private readonly CancellationTokenSource _stopping = new();
        private readonly ConcurrentDictionary<ServerConnection, Task> _connections = new();
        private readonly Task _acceptLoop;

        public RawSocketServer(Socket listener)
        {
            _listener = listener;
            EndPoint = (IPEndPoint)listener.LocalEndPoint!;
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }

        public IPEndPoint EndPoint { get; }

        public async ValueTask DisposeAsync()
        {
            await _stopping.CancelAsync();
            _listener.Dispose();
            await _acceptLoop;
            foreach (var connection in _connections.Keys)
            {
                connection.Abort();
            }

            await Task.WhenAll(_connections.Values);
            _stopping.Dispose();
        }

        private async Task AcceptLoopAsync()
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptAsync(_stopping.Token);
                }
                catch (Exception) when (_stopping.IsCancellationRequested)
                {
                    return;
                }

                socket.NoDelay = true;
                var connection = new ServerConnection(socket);

                // Registered before it starts, so that it cannot finish (and unregister) first.
                var serve = new Task<Task>(() => ServeAsync(connection));
                _connections[connection] = serve.Unwrap();
                serve.Start(TaskScheduler.Default);
            }
        }

        private async Task ServeAsync(ServerConnection connection)
        {
            await connection.RunAsync();
            _connections.TryRemove(connection, out _);
        }
    }

    /// <summary>One accepted connection: a read loop that answers echoes and starts streams, and a send loop.</summary>
    private sealed class ServerConnection
    {
        private readonly Socket _socket;
        private readonly FrameSender _sender;

        public ServerConnection(Socket socket)
        {
            _socket = socket;
            var queue = Channel.CreateBounded<OutgoingFrame>(new BoundedChannelOptions(ServerQueuedFrames) { SingleReader = true });
            _sender = new FrameSender(socket, queue);
        }

        public void Abort() => _socket.Dispose();

        /// <summary>Serves until the client closes the connection or it fails; never throws.</summary>
        public async Task RunAsync()
        {
            var sendLoop = Task.Run(_sender.RunAsync);
            var reader = PipeReader.Create(new NetworkStream(_socket, ownsSocket: false), ReaderOptions);
            try
            {
                await ReadLoopAsync(reader);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or ChannelClosedException)
            {
                // The client went away, broke the framing (InvalidDataException is an IOException), or the send loop
                // failed; either way this connection is over.
            }
            finally
            {
                await reader.CompleteAsync();
                _sender.Complete();
            }

            try
            {
                await sendLoop;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The client went away with replies still queued.
            }

            _socket.Dispose();
        }

        private async Task ReadLoopAsync(PipeReader reader)
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                while (TryReadFrame(ref buffer, out var kind, out var id, out var body))
                {
                    switch (kind)
                    {
                        case FrameKind.EchoRequest:
                            await _sender.EnqueueAsync(Reply(id, body));
                            break;
                        case FrameKind.StreamRequest:
                            StartStream(id, body);
                            break;
                        default:
                            ThrowInvalidFrame($"kind {kind} sent to the server");
                            break;
                    }
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }

        private static OutgoingFrame Reply(long id, in ReadOnlySequence<byte> body)
        {
            if (body.IsEmpty)
            {
                return new OutgoingFrame(FrameKind.EchoReply, id, null, default, null);
            }

            // The request's bytes live in the read buffer, which moves on before the send loop gets to the reply.
            var length = (int)body.Length;
            var rented = ArrayPool<byte>.Shared.Rent(length);
            body.CopyTo(rented);
            return new OutgoingFrame(FrameKind.EchoReply, id, null, rented.AsMemory(0, length), rented);
        }

        private void StartStream(long id, in ReadOnlySequence<byte> body)
        {
            Span<byte> request = stackalloc byte[8];
            if (body.Length != request.Length)
            {
                ThrowInvalidFrame($"a stream request of {body.Length} bytes");
            }

            body.CopyTo(request);
            var count = BinaryPrimitives.ReadInt32LittleEndian(request);
            var size = BinaryPrimitives.ReadInt32LittleEndian(request[4..]);
            if (count < 0 || (uint)size > MaxBodyBytes)
            {
                ThrowInvalidFrame($"a stream request of {count} messages of {size} bytes");
            }

            // Off the read loop, so that echoes on the same connection are answered while the stream is written.
            _ = Task.Run(() => StreamAsync(id, count, size));
        }

        private async Task StreamAsync(long id, int count, int size)
        {
            var payload = new byte[size];
            payload.AsSpan().Fill((byte)'x');
            try
            {
                for (var i = 0; i < count; i++)
                {
                    await _sender.EnqueueAsync(new OutgoingFrame(FrameKind.StreamItem, id, null, payload, null));
                }

                await _sender.EnqueueAsync(new OutgoingFrame(FrameKind.StreamEnd, id, null, default, null));
            }
            catch (ChannelClosedException)
            {
                // The connection closed while the stream was being written.
            }
        }
    }

    /// <summary>The one client connection: thread-safe; callers are matched to replies by request id.</summary>
    internal sealed class RawSocketClient : IBenchClient
    {
        private readonly Socket _socket;
        private readonly FrameSender _sender;
        private readonly Lock _gate = new();
        private readonly Dictionary<long, TaskCompletionSource<string>> _echoes = [];
        private readonly Dictionary<long, ChannelWriter<string>> _streams = [];
        private readonly Task _sendLoop;
        private readonly Task _readLoop;
        private long _lastId;
        private Exception? _closed;

        public RawSocketClient(Socket socket)
        {
            _socket = socket;
            _sender = new FrameSender(socket, Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true }));
            _sendLoop = Task.Run(SendLoopAsync);
            _readLoop = Task.Run(ReadLoopAsync);
        }

        public async ValueTask<int> EchoAsync(string text, CancellationToken cancellationToken) =>
            (await EchoTextAsync(text, cancellationToken)).Length;

        /// <summary>Sends <paramref name="text"/> and returns the echoed text.</summary>
        public async ValueTask<string> EchoTextAsync(string text, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(text);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(Encoding.UTF8.GetMaxByteCount(text.Length), MaxBodyBytes, nameof(text));
            var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            long id;
            lock (_gate)
            {
                ThrowIfClosed();
                id = ++_lastId;
                _echoes.Add(id, reply);
            }

            // Registered before it is queued, so that the reply always finds its caller.
            if (!_sender.TryEnqueue(new OutgoingFrame(FrameKind.EchoRequest, id, text, default, null)))
            {
                lock (_gate)
                {
                    _echoes.Remove(id);
                }

                ThrowClosed(_closed);
            }

            try
            {
                return await reply.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    _echoes.Remove(id);
                }

                throw;
            }
        }

        public async ValueTask<long> StreamAsync(int count, int payloadBytes, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            ArgumentOutOfRangeException.ThrowIfNegative(payloadBytes);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadBytes, MaxBodyBytes);
            var request = new byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(request, count);
            BinaryPrimitives.WriteInt32LittleEndian(request.AsSpan(4), payloadBytes);
            var messages = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            long id;
            lock (_gate)
            {
                ThrowIfClosed();
                id = ++_lastId;
                _streams.Add(id, messages.Writer);
            }

            try
            {
                if (!_sender.TryEnqueue(new OutgoingFrame(FrameKind.StreamRequest, id, null, request, null)))
                {
                    ThrowClosed(_closed);
                }

                long received = 0;
                while (await messages.Reader.WaitToReadAsync(cancellationToken))
                {
                    while (messages.Reader.TryRead(out var message))
                    {
                        if (message.Length != payloadBytes)
                        {
                            ThrowInvalidFrame($"a stream message of {message.Length} characters instead of {payloadBytes}");
                        }

                        received++;
                    }
                }

                return received;
            }
            finally
            {
                lock (_gate)
                {
                    _streams.Remove(id);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            // Whatever was queued goes out first; then the socket closes, which ends the read loop and fails anyone
            // still waiting.
            _sender.Complete();
            await _sendLoop;
            _socket.Dispose();
            await _readLoop;
        }

        private async Task SendLoopAsync()
        {
            try
            {
                await _sender.RunAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // A send that fails leaves a torn frame on the wire: close, so that the read loop fails every caller.
                _socket.Dispose();
            }
        }

        private async Task ReadLoopAsync()
        {
            Exception? error = null;
            var reader = PipeReader.Create(new NetworkStream(_socket, ownsSocket: false), ReaderOptions);
            try
            {
                while (true)
                {
                    var result = await reader.ReadAsync();
                    var buffer = result.Buffer;
                    while (TryReadFrame(ref buffer, out var kind, out var id, out var body))
                    {
                        Dispatch(kind, id, body);
                    }

                    reader.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // IOException includes InvalidDataException: a server that breaks the framing closes the connection.
                error = e;
            }
            finally
            {
                await reader.CompleteAsync();
            }

            Close(error);
        }

        private void Dispatch(FrameKind kind, long id, in ReadOnlySequence<byte> body)
        {
            // A reply for an id nobody waits for belongs to a cancelled caller and is dropped.
            ChannelWriter<string>? stream;
            switch (kind)
            {
                case FrameKind.EchoReply:
                    TaskCompletionSource<string>? reply;
                    lock (_gate)
                    {
                        _echoes.Remove(id, out reply);
                    }

                    reply?.TrySetResult(Encoding.UTF8.GetString(body));
                    break;
                case FrameKind.StreamItem:
                    lock (_gate)
                    {
                        _streams.TryGetValue(id, out stream);
                    }

                    stream?.TryWrite(Encoding.UTF8.GetString(body));
                    break;
                case FrameKind.StreamEnd:
                    lock (_gate)
                    {
                        _streams.Remove(id, out stream);
                    }

                    stream?.TryComplete();
                    break;
                default:
                    ThrowInvalidFrame($"kind {kind} sent to the client");
                    break;
            }
        }

        /// <summary>Fails every pending call and refuses new ones.</summary>
        private void Close(Exception? error)
        {
            TaskCompletionSource<string>[] echoes;
            ChannelWriter<string>[] streams;
            lock (_gate)
            {
                _closed = error ?? new IOException("raw-socket: the server closed the connection.");
                echoes = [.. _echoes.Values];
                streams = [.. _streams.Values];
                _echoes.Clear();
                _streams.Clear();
            }

            _sender.Complete();
            foreach (var echo in echoes)
            {
                echo.TrySetException(new IOException("raw-socket: the connection closed.", _closed));
            }

            foreach (var stream in streams)
            {
                stream.TryComplete(new IOException("raw-socket: the connection closed.", _closed));
            }
        }

        private void ThrowIfClosed()
        {
            if (_closed is not null)
            {
                ThrowClosed(_closed);
            }
        }

        [DoesNotReturn]
        private static void ThrowClosed(Exception? inner) => throw new IOException("raw-socket: the connection is closed.", inner);
    }
}

using Parley.Tests.TestSupport;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Parley.Connections;
using Parley.Protocol;

namespace Parley.Tests.TestSupport;

/// <summary>A hand-driven protocol peer on a raw socket: sends exactly the bytes a test wants and reads frames back.</summary>
public sealed class RawPeer : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly ProtocolLimits _limits = new() { MaxPayloadBytes = 64 * 1024 * 1024 };
    private byte[] _pending = [];

    private RawPeer(Socket socket) => _socket = socket;

    public static async Task<RawPeer> ConnectAsync(EndPoint endPoint)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint).DefaultTimeout();
        return new RawPeer(socket);
    }

    public static RawPeer FromAccepted(Socket socket) => new(socket);

    public async Task SendAsync(ReadOnlyMemory<byte> bytes) => await _socket.SendAsync(bytes, SocketFlags.None).DefaultTimeout();

    public Task SendFrameAsync(
        FrameType type, ulong requestId, RpcMetadata? metadata = null, byte[]? payload = null,
        StatusCode status = StatusCode.Ok, byte codec = 0, FrameFlags flags = FrameFlags.None)
    {
        var frame = FrameBuilder.Create(type, status, requestId, metadata, payload ?? [], codec, flags);
        var bytes = frame.Span.ToArray();
        frame.Release();
        return SendAsync(bytes);
    }

    public Task SendHelloAsync() => SendFrameAsync(FrameType.Hello, 0, HelloMetadata.Create(new ProtocolLimits(), "raw-peer/1"));

    public Task SendRequestAsync(ulong requestId, string service, string method, string jsonArguments, int? timeoutMs = null)
    {
        var metadata = new RpcMetadata().AddReserved(RpcMetadata.ServiceKey, service).AddReserved(RpcMetadata.MethodKey, method);
        if (timeoutMs is { } timeout)
        {
            metadata.AddReserved(RpcMetadata.TimeoutKey, timeout.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return SendFrameAsync(FrameType.Request, requestId, metadata, Encoding.UTF8.GetBytes(jsonArguments), codec: 1);
    }

    /// <summary>Opens a streaming call of <paramref name="kind"/> (<c>server</c>, <c>client</c> or <c>bidi</c>) with JSON arguments.</summary>
    public Task SendStreamRequestAsync(ulong requestId, string service, string method, string kind, string jsonArguments = "")
    {
        var metadata = new RpcMetadata()
            .AddReserved(RpcMetadata.ServiceKey, service)
            .AddReserved(RpcMetadata.MethodKey, method)
            .AddReserved(RpcMetadata.StreamKey, kind);
        return SendFrameAsync(FrameType.Request, requestId, metadata, Encoding.UTF8.GetBytes(jsonArguments), codec: 1);
    }

    /// <summary>Sends one STREAM_MESSAGE in JSON; <paramref name="more"/> marks a chunk that more of the same message follows.</summary>
    public Task SendStreamMessageAsync(ulong requestId, byte[] payload, bool more = false) =>
        SendFrameAsync(FrameType.StreamMessage, requestId, payload: payload, codec: 1, flags: more ? FrameFlags.More : FrameFlags.None);

    /// <summary>Reads the next frame, or null when the peer closed (FIN or reset).</summary>
    public async Task<ReceivedFrame?> ReadFrameAsync()
    {
        var chunk = new byte[64 * 1024];
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(_pending);
            var status = FrameReader.TryRead(ref sequence, _limits, out var frame, out var error);
            if (status == FrameReadStatus.Invalid)
            {
                throw new InvalidDataException("peer sent an invalid frame: " + error);
            }

            if (status == FrameReadStatus.Complete)
            {
                Assert.True(MetadataCodec.TryRead(frame.Metadata, _limits, out var metadata, out _));
                var received = new ReceivedFrame(frame.Header, metadata, frame.Payload.ToArray());
                _pending = sequence.ToArray();
                return received;
            }

            int read;
            try
            {
                read = await _socket.ReceiveAsync(chunk, SocketFlags.None).DefaultTimeout();
            }
            catch (SocketException)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _pending = [.. _pending, .. chunk.AsSpan(0, read)];
        }
    }

    /// <summary>Reads frames until one of <paramref name="type"/> arrives (skipping HELLO and PING/PONG).</summary>
    public async Task<ReceivedFrame> ReadFrameAsync(FrameType type)
    {
        while (true)
        {
            var frame = await ReadFrameAsync() ?? throw new InvalidOperationException($"closed before a {type} frame arrived");
            if (frame.Header.Type == type)
            {
                return frame;
            }

            if (frame.Header.Type is not (FrameType.Hello or FrameType.Ping or FrameType.Pong))
            {
                throw new InvalidOperationException($"expected {type}, got {frame.Header.Type}: {frame.Text}");
            }
        }
    }

    /// <summary>Reads until the peer closes; returns the frames it sent before closing.</summary>
    public async Task<List<ReceivedFrame>> ReadUntilClosedAsync()
    {
        var frames = new List<ReceivedFrame>();
        while (await ReadFrameAsync() is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }

    /// <summary>Sends FIN: the peer sees an orderly end of the stream.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed record ReceivedFrame(FrameHeader Header, RpcMetadata Metadata, byte[] Payload)
{
    public string Text => Encoding.UTF8.GetString(Payload);
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Parley.Tests.TestSupport;

/// <summary>
/// A loopback TCP proxy in front of a server that a test can break while calls run. The faults can be switched on and
/// off at any time and apply to new and existing connections alike: <see cref="Delay"/>, <see cref="Blackhole"/>,
/// <see cref="SliceBytes"/>, <see cref="RefuseNew"/>, and the one-shot <see cref="ResetAll"/>. Thread-safe.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    // Long enough for the receiver to take what came so far as one read, short enough for megabytes to pass in seconds.
    private static readonly TimeSpan SlicePause = TimeSpan.FromMilliseconds(1);

    private readonly Socket _listener;
    private readonly EndPoint _target;
    private readonly ConcurrentDictionary<Socket, byte> _sockets = new();
    private readonly Task _acceptLoop;
    private readonly Lock _gateLock = new();
    private TaskCompletionSource _open = NewGate(open: true);
    private long _delayTicks;
    private int _sliceBytes;
    private volatile bool _refuseNew;

    private TcpFaultProxy(EndPoint target)
    {
        _target = target;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Latency added before each forwarded chunk, in each direction.</summary>
    /// <value>Default <see cref="TimeSpan.Zero"/>: none.</value>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    /// <summary>
    /// While true, connections are accepted and kept open but nothing is forwarded either way (not even a close), as
    /// with a hung host. Back to false, what was held back is forwarded and the connections carry on.
    /// </summary>
    /// <value>Default false.</value>
    public bool Blackhole
    {
        get => !Volatile.Read(ref _open).Task.IsCompleted;
        set
        {
            lock (_gateLock)
            {
                if (value == Blackhole)
                {
                    return;
                }

                if (value)
                {
                    _open = NewGate(open: false);
                }
                else
                {
                    _open.TrySetResult();
                }
            }
        }
    }

    /// <summary>When above 0, data is forwarded in pieces of this many bytes with a short pause between, so that the
    /// receiver sees frames arrive in parts.</summary>
    /// <value>Default 0: chunks are forwarded as they were read (up to 16 KiB).</value>
    public int SliceBytes
    {
        get => Volatile.Read(ref _sliceBytes);
        set => Volatile.Write(ref _sliceBytes, value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)));
    }

    /// <summary>While true, new connections are reset as soon as they are accepted; existing ones are left alone.</summary>
    /// <value>Default false.</value>
    public bool RefuseNew
    {
        get => _refuseNew;
        set => _refuseNew = value;
    }

    public static TcpFaultProxy Start(EndPoint target) => new(target);

    /// <summary>Resets every proxied connection on both sides, as a crashed server host would look to the client.</summary>
    public void ResetAll()
    {
        foreach (var socket in _sockets.Keys)
        {
            Reset(socket);
        }
    }

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            gate.SetResult();
        }

        return gate;
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_refuseNew)
            {
                Reset(client);
                continue;
            }

            var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await upstream.ConnectAsync(_target);
            }
            catch (SocketException)
            {
                Reset(client);
                upstream.Dispose();
                continue;
            }

            // Each slice must leave as its own segment, and an unsliced chunk must not wait for more to come.
            client.NoDelay = true;
            upstream.NoDelay = true;
            _sockets.TryAdd(client, 0);
            _sockets.TryAdd(upstream, 0);
            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);

                // Read before waiting at the gate: a blackhole holds what it has, and the kernel's buffers the rest.
                await Volatile.Read(ref _open).Task;
                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay);
                }

                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await ForwardAsync(buffer.AsMemory(0, read), to);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Reset(from);
            Reset(to);
        }
    }

    private async Task ForwardAsync(ReadOnlyMemory<byte> data, Socket to)
    {
        var slice = SliceBytes;
        if (slice == 0)
        {
            await to.SendAsync(data, SocketFlags.None);
            return;
        }

        for (var offset = 0; offset < data.Length; offset += slice)
        {
            if (offset > 0)
            {
                await Task.Delay(SlicePause);
            }

            await to.SendAsync(data[offset..Math.Min(offset + slice, data.Length)], SocketFlags.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _acceptLoop;
        ResetAll();
        Blackhole = false; // lets held pumps run on into the closed sockets and end
    }
}

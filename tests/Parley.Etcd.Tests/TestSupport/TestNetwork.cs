using System.Net;

namespace Parley.Etcd.Tests.TestSupport;

/// <summary>
/// The network between one registry and etcd, as an HTTP handler the test controls. <see cref="Blackhole"/> is a
/// partition: requests get no answer (until their own timeout) and open streams go silent without closing, as a
/// dead TCP connection does. <see cref="HoldWatches"/> keeps new watch requests from reaching etcd until released, so
/// that a test can change etcd between a watcher's full read and its watch.
/// </summary>
public sealed class TestNetwork() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly object _gate = new();
    private CancellationTokenSource _severed = new();
    private bool _blackholed;
    private TaskCompletionSource _watchGate = Opened();
    private int _heldWatches;

    /// <summary>How many watch requests wait at the gate now.</summary>
    public int HeldWatches => Volatile.Read(ref _heldWatches);

    public void Blackhole()
    {
        lock (_gate)
        {
            _blackholed = true;
            _severed.Cancel();
            _severed = new CancellationTokenSource();
        }
    }

    /// <summary>New requests go through again; streams that went silent stay silent, like the dead connections they are.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            _blackholed = false;
        }
    }

    public void HoldWatches()
    {
        lock (_gate)
        {
            if (_watchGate.Task.IsCompleted)
            {
                _watchGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void ReleaseWatches()
    {
        lock (_gate)
        {
            _watchGate.TrySetResult();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/v3/watch", StringComparison.Ordinal))
        {
            Task gate;
            lock (_gate)
            {
                gate = _watchGate.Task;
            }

            Interlocked.Increment(ref _heldWatches);
            try
            {
                await gate.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _heldWatches);
            }
        }

        CancellationToken severed;
        lock (_gate)
        {
            severed = _blackholed ? new CancellationToken(canceled: true) : _severed.Token;
        }

        if (severed.IsCancellationRequested)
        {
            return await NoAnswerAsync(cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var content = new StreamContent(new SeverableStream(body, severed));
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = content;
        return response;
    }

    private static async Task<HttpResponseMessage> NoAnswerAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return new HttpResponseMessage(HttpStatusCode.GatewayTimeout);
    }

    private static TaskCompletionSource Opened()
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        opened.SetResult();
        return opened;
    }

    /// <summary>A response body that goes silent (reads wait until their caller gives up) once the network is cut.</summary>
    private sealed class SeverableStream(Stream inner, CancellationToken severed) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, severed);
            try
            {
                return await inner.ReadAsync(buffer, linked.Token);
            }
            catch (OperationCanceledException) when (severed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw;
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

using System.Buffers;
using Parley.Protocol;

namespace Parley.Connections;

internal abstract partial class RpcConnection
{
    /// <summary>The most stream bytes written between two flushes, so that call frames queued meanwhile go out soon.</summary>
    private const int StreamBytesPerFlush = 64 * 1024;

    // The only writer of the transport's output. Everything queued since the last flush goes out in one flush, which is
    // where many concurrent callers share a socket send.
    private async Task WriteLoopAsync()
    {
        var output = _transport.Pipe.Output;
        try
        {
            while (await _outbox.WaitToReadAsync())
            {
                var streamBudget = StreamBytesPerFlush;
                while (_outbox.TryDequeue(streamBudget > 0, out var frame, out var isStream))
                {
                    try
                    {
                        output.Write(frame.Span);
                    }
                    finally
                    {
                        frame.Release();
                    }

                    if (isStream)
                    {
                        streamBudget -= frame.Length;
                    }
                }

                var flush = await output.FlushAsync();
                if (flush.IsCompleted)
                {
                    break;
                }
            }

            await output.CompleteAsync();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException
            or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            Abort(new RpcException(StatusCode.Unavailable, "connection lost while sending: " + ex.Message, ex));
        }
        finally
        {
            _outbox.ReleaseAll();
        }
    }
}

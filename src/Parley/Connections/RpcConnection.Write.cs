using System.Buffers;
using Parley.Protocol;

namespace Parley.Connections;

internal abstract partial class RpcConnection
{
    // The only writer of the transport's output. Everything queued since the last flush goes out in one flush, which is
    // where many concurrent callers share a socket send.
    private async Task WriteLoopAsync()
    {
        var output = _transport.Pipe.Output;
        var reader = _outbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var frame))
                {
                    try
                    {
                        output.Write(frame.Span);
                    }
                    finally
                    {
                        frame.Release();
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
            while (reader.TryRead(out var frame))
            {
                frame.Release();
            }
        }
    }
}

using System.Runtime.CompilerServices;
using Parley.Codecs;
using Parley.Streams;

namespace Parley.Server;

/// <summary>
/// A call's request stream as its handler reads it: whole messages from the inbox, decoded as <typeparamref name="T"/>.
/// Ends when the client sends STREAM_END; throws <see cref="OperationCanceledException"/> once the call's token fires.
/// </summary>
internal sealed class RequestStream<T>(StreamInbox inbox, RpcCodec codec, string callName, CancellationToken callToken)
    : IAsyncEnumerable<T>
{
    private int _enumerated;

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException($"The request stream of {callName} can be enumerated once.");
        }

        return ReadAsync(cancellationToken);
    }

    private async IAsyncEnumerator<T> ReadAsync(CancellationToken readerToken)
    {
        // The reader's own token ends the stream for good: it can be enumerated only once anyway.
        using var registration = readerToken.CanBeCanceled
            ? readerToken.UnsafeRegister(static state => ((StreamInbox)state!).Fail(
                new RpcException(StatusCode.Cancelled, "the handler stopped reading its request stream")), inbox)
            : default;
        while (true)
        {
            if (inbox.TryRead(out var message))
            {
                yield return Decode(message);
                continue;
            }

            bool more;
            try
            {
                more = await inbox.WaitToReadAsync().ConfigureAwait(false);
            }
            catch (RpcException) when (callToken.IsCancellationRequested || readerToken.IsCancellationRequested)
            {
                more = false;
            }

            callToken.ThrowIfCancellationRequested();
            readerToken.ThrowIfCancellationRequested();
            if (!more)
            {
                yield break;
            }
        }
    }

    private T Decode(InboundMessage message)
    {
        try
        {
            if (message.Codec != codec.Id && message.Length > 0)
            {
                throw new RpcException(StatusCode.InvalidArgument,
                    $"a request stream message of {callName} is in codec {message.Codec}, but the call uses {codec.Name} ({codec.Id})");
            }

            return (T)codec.Deserialize(message.Payload, typeof(T))!;
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(StatusCode.InvalidArgument,
                $"could not decode a request stream message of {callName} as {typeof(T).Name} with {codec.Name}: {ex.Message}", ex);
        }
        finally
        {
            message.Release();
        }
    }
}

namespace Parley.Server;

public sealed partial class ServerCallContext
{
    private int _requestStreamTaken;

    /// <summary>
    /// The request stream of a client-streaming or bidirectional call, each message decoded as <typeparamref name="T"/>.
    /// A generated dispatcher passes it to the handler's <c>IAsyncEnumerable&lt;T&gt;</c> parameter. It can be taken,
    /// and enumerated, once; reading it grants the client credit to send more.
    /// </summary>
    /// <exception cref="InvalidOperationException">The method has no request stream, or it was already taken.</exception>
    public IAsyncEnumerable<T> GetRequestStream<T>()
    {
        if (Call?.Inbox is not { } inbox)
        {
            throw new InvalidOperationException($"{Service}.{Method} is not a client-streaming or bidirectional call; it has no request stream.");
        }

        if (Interlocked.Exchange(ref _requestStreamTaken, 1) != 0)
        {
            throw new InvalidOperationException($"The request stream of {Service}.{Method} was already taken; it can be read once.");
        }

        return new RequestStream<T>(inbox, Codec, Call.CallName, CancellationToken);
    }
}

using System.Collections.Concurrent;
using System.Reflection;

namespace Parley.Server;

/// <summary>
/// Sends what a server-streaming or bidirectional handler returned (an <see cref="IAsyncEnumerable{T}"/>, as object)
/// message by message. The loop is generic over the item type so that items are not re-boxed through a wrapper; the
/// generic method is bound once per item type.
/// </summary>
internal static class ResponseStreams
{
    private static readonly MethodInfo SendTyped =
        typeof(ResponseStreams).GetMethod(nameof(SendItemsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly ConcurrentDictionary<Type, Func<object, ServerCallContext, Task>> Senders = new();

    public static Task SendAsync(object items, Type itemType, ServerCallContext context) =>
        Senders.GetOrAdd(itemType, static type => SendTyped.MakeGenericMethod(type).CreateDelegate<Func<object, ServerCallContext, Task>>())(
            items, context);

    private static async Task SendItemsAsync<T>(object items, ServerCallContext context)
    {
        if (items is not IAsyncEnumerable<T> stream)
        {
            throw new RpcException(StatusCode.Internal,
                $"{context.Service}.{context.Method} returned {items.GetType().Name}, not IAsyncEnumerable<{typeof(T).Name}>");
        }

        var call = context.Call ?? throw new InvalidOperationException("a response stream can only be sent on a connection");
        var token = context.CancellationToken;
        await foreach (var item in stream.WithCancellation(token).ConfigureAwait(false))
        {
            await call.SendResponseMessageAsync(item, typeof(T), context.Codec, token).ConfigureAwait(false);
        }
    }
}

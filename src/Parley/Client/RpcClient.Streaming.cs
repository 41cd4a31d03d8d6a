using System.Runtime.CompilerServices;
using Parley.Contracts;

namespace Parley.Client;

public sealed partial class RpcClient
{
    /// <summary>
    /// Calls a server-streaming method: the server answers with a stream of messages, each decoded as
    /// <typeparamref name="TItem"/> (<see cref="object"/> for plain values). The call starts when the result is
    /// enumerated, and each enumeration is a new call.
    /// </summary>
    /// <remarks>
    /// Messages arrive in order, at the pace the caller reads them: the server waits while this side holds a window of
    /// unread messages (docs/streaming.md). Stopping the enumeration early cancels the call on the server. The timeout
    /// (<see cref="CallOptions.Timeout"/>, <see cref="CallOptions.Deadline"/>, else
    /// <see cref="RpcClientOptions.DefaultStreamTimeout"/>) covers the whole stream.
    /// </remarks>
    /// <exception cref="RpcException">Thrown by the enumeration: the call's status when it ends with one other than OK
    /// (CANCELLED when either token fires, DEADLINE_EXCEEDED, UNAVAILABLE when the connection is lost, ...).</exception>
    public IAsyncEnumerable<TItem> ServerStreamAsync<TItem>(
        string service, string method, object?[]? arguments = null, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        return ReadStreamAsync<TItem, object?>(
            RpcMethodKind.ServerStreaming, service, method, arguments, requests: null, options, cancellationToken);
    }

    /// <summary>
    /// Calls a client-streaming method: sends <paramref name="items"/> as a stream of messages, as fast as the server's
    /// credit allows, and returns the server's single response, decoded as <typeparamref name="TResult"/>.
    /// </summary>
    /// <remarks>
    /// <paramref name="items"/> is enumerated once, on the thread pool; when it ends the server is told the stream is
    /// complete. When it throws, the call is cancelled and fails with CANCELLED naming the exception (an
    /// <see cref="RpcException"/> it throws keeps its own status). When the server answers first, the
    /// enumeration stops.
    /// </remarks>
    /// <exception cref="RpcException">The call failed; <see cref="RpcException.StatusCode"/> says how.</exception>
    public Task<TResult> ClientStreamAsync<TItem, TResult>(
        string service, string method, IAsyncEnumerable<TItem> items, object?[]? arguments = null, CallOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(items);
        if (_pipeline is null)
        {
            return ClientStreamDirectAsync<TItem, TResult>(service, method, items, arguments, options, typeof(TResult), cancellationToken);
        }

        var started = 0;
        var context = new ClientCallContext(this, service, method, arguments ?? [], typeof(TResult), options, cancellationToken)
        {
            Kind = RpcMethodKind.ClientStreaming,
            Terminal = async c =>
            {
                OnlyOnce(ref started, c);
                return await ClientStreamDirectAsync<TItem, object?>(
                    c.Service, c.Method, items, c.Arguments, c.Options, c.ResultType!, c.CancellationToken);
            },
        };
        return CastAsync<TResult>(_pipeline(context));
    }

    /// <summary>
    /// Calls a bidirectional streaming method: sends <paramref name="requests"/> while reading the server's messages,
    /// each decoded as <typeparamref name="TResponse"/>. Both directions run at once and are flow-controlled each on its
    /// own; the call starts when the result is enumerated.
    /// </summary>
    /// <remarks>Stopping the enumeration early cancels the call and stops sending. See
    /// <see cref="ServerStreamAsync{TItem}"/> and <see cref="ClientStreamAsync{TItem, TResult}"/>.</remarks>
    /// <exception cref="RpcException">Thrown by the enumeration: the call's status when it ends with one other than OK.</exception>
    public IAsyncEnumerable<TResponse> BidirectionalStreamAsync<TRequest, TResponse>(
        string service, string method, IAsyncEnumerable<TRequest> requests, object?[]? arguments = null, CallOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(requests);
        return ReadStreamAsync<TResponse, TRequest>(
            RpcMethodKind.BidirectionalStreaming, service, method, arguments, requests, options, cancellationToken);
    }

    private async IAsyncEnumerable<TItem> ReadStreamAsync<TItem, TRequest>(
        RpcMethodKind kind, string service, string method, object?[]? arguments, IAsyncEnumerable<TRequest>? requests,
        CallOptions? options, CancellationToken callToken, [EnumeratorCancellation] CancellationToken enumeratorToken = default)
    {
        using var linked = callToken.CanBeCanceled && enumeratorToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(callToken, enumeratorToken)
            : null;
        var token = linked?.Token ?? (callToken.CanBeCanceled ? callToken : enumeratorToken);
        _counters.CallStarted();
        try
        {
            var stream = _pipeline is null
                ? await OpenStreamAsync(kind, service, method, arguments, options, token)
                : await OpenThroughPipelineAsync(kind, service, method, arguments, typeof(TItem), options, token);
            await using (stream)
            {
                if (requests is not null)
                {
                    stream.StartPump(requests);
                }

                while (await stream.ReadAsync() is { } message)
                {
                    yield return stream.Decode<TItem>(message);
                }
            }
        }
        finally
        {
            _counters.CallEnded();
        }
    }

    private async Task<TResult> ClientStreamDirectAsync<TItem, TResult>(
        string service, string method, IAsyncEnumerable<TItem> items, object?[]? arguments, CallOptions? options, Type decodeAs,
        CancellationToken cancellationToken)
    {
        _counters.CallStarted();
        try
        {
            var stream = await OpenStreamAsync(RpcMethodKind.ClientStreaming, service, method, arguments, options, cancellationToken);
            await using (stream)
            {
                stream.StartPump(items);
                var result = await stream.Call.AsValueTask();
                try
                {
                    if (result.Status != StatusCode.Ok)
                    {
                        throw result.ToException();
                    }

                    return (TResult)Decode(ResolveCodec(options), in result, decodeAs, service, method)!;
                }
                finally
                {
                    result.Release();
                }
            }
        }
        finally
        {
            _counters.CallEnded();
        }
    }

    private async Task<ClientStream> OpenStreamAsync(
        RpcMethodKind kind, string service, string method, object?[]? arguments, CallOptions? options, CancellationToken cancellationToken)
    {
        ThrowIfCancelled(cancellationToken);
        var codec = ResolveCodec(options);
        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        var timeout = ResolveTimeout(options, isStream: true);
        var connection = await GetConnectionAsync(options, timeout, cancellationToken);
        var remaining = Remaining(timeout, time.GetElapsedTime(started));
        var request = new OutgoingCall(service, method, arguments ?? [], codec, options?.Metadata, remaining);
        return connection.OpenStream(request, kind, cancellationToken);
    }

    // Middleware runs around the whole call: its last step opens the stream, hands it out here, and completes when the
    // call does, so logging and metrics see the stream's status and duration.
    private async Task<ClientStream> OpenThroughPipelineAsync(
        RpcMethodKind kind, string service, string method, object?[]? arguments, Type itemType, CallOptions? options,
        CancellationToken cancellationToken)
    {
        var opened = new TaskCompletionSource<ClientStream>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var context = new ClientCallContext(this, service, method, arguments ?? [], itemType, options, cancellationToken)
        {
            Kind = kind,
            Terminal = async c =>
            {
                OnlyOnce(ref started, c);
                var stream = await OpenStreamAsync(kind, c.Service, c.Method, c.Arguments, c.Options, c.CancellationToken);
                opened.TrySetResult(stream);
                await stream.Completion;
                return null;
            },
        };
        var pipeline = _pipeline!(context);
        if (await Task.WhenAny(opened.Task, pipeline) != opened.Task)
        {
            await pipeline; // a middleware failed the call before it opened
            throw new RpcException(StatusCode.Internal,
                $"client middleware completed the streaming call {service}.{method} without opening it");
        }

        _ = pipeline.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return await opened.Task;
    }

    // A stream is read once by its caller and a request stream enumerated once: middleware cannot repeat a streaming call.
    private static void OnlyOnce(ref int started, ClientCallContext context)
    {
        if (Interlocked.Exchange(ref started, 1) != 0)
        {
            throw new InvalidOperationException(
                $"client middleware called next twice for the streaming call {context.Service}.{context.Method}; a stream cannot be repeated");
        }
    }

    private static async Task<TResult> CastAsync<TResult>(Task<object?> call) => (TResult)(await call)!;
}

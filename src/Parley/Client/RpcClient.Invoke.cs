using Parley.Codecs;

namespace Parley.Client;

public sealed partial class RpcClient
{
    /// <summary>The longest timeout sent to a server (about 24.8 days); longer ones mean "no timeout".</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>Calls <paramref name="method"/> on <paramref name="service"/> and returns its result as plain values.</summary>
    /// <returns>The result decoded without a declared type: numbers as <see cref="long"/> or <see cref="double"/>,
    /// strings, booleans, arrays as <c>object?[]</c>, objects as dictionaries; null for a method returning nothing.</returns>
    /// <exception cref="RpcException">The call failed; <see cref="RpcException.StatusCode"/> says how.</exception>
    public Task<object?> InvokeAsync(
        string service, string method, object?[]? arguments = null, CallOptions? options = null, CancellationToken cancellationToken = default) =>
        InvokeCoreAsync<object?>(service, method, arguments, options, cancellationToken);

    /// <summary>Calls <paramref name="method"/> on <paramref name="service"/> and decodes its result as <typeparamref name="TResult"/>.</summary>
    /// <exception cref="RpcException">The call failed; <see cref="RpcException.StatusCode"/> says how.</exception>
    public Task<TResult> InvokeAsync<TResult>(
        string service, string method, object?[]? arguments = null, CallOptions? options = null, CancellationToken cancellationToken = default) =>
        InvokeCoreAsync<TResult>(service, method, arguments, options, cancellationToken);

    /// <summary>The blocking form of <see cref="InvokeAsync(string, string, object?[], CallOptions?, CancellationToken)"/>.</summary>
    public object? Invoke(
        string service, string method, object?[]? arguments = null, CallOptions? options = null, CancellationToken cancellationToken = default) =>
        Block(() => InvokeCoreAsync<object?>(service, method, arguments, options, cancellationToken));

    /// <summary>The blocking form of <see cref="InvokeAsync{TResult}"/>.</summary>
    public TResult Invoke<TResult>(
        string service, string method, object?[]? arguments = null, CallOptions? options = null, CancellationToken cancellationToken = default) =>
        Block(() => InvokeCoreAsync<TResult>(service, method, arguments, options, cancellationToken));

    /// <summary>
    /// Sends a one-way call: the server runs the method and answers nothing. Completes once the call is queued on a
    /// connection, so it reports an unreachable server but never the handler's outcome.
    /// </summary>
    /// <exception cref="RpcException">UNAVAILABLE when there is no connection (or it closes); DEADLINE_EXCEEDED when no
    /// connection is ready within the timeout; CANCELLED when the token fires first; RESOURCE_EXHAUSTED when the request
    /// exceeds the server's limits; INVALID_ARGUMENT or INTERNAL when the metadata or arguments cannot be encoded.</exception>
    public Task SendOneWayAsync(
        string service, string method, object?[]? arguments = null, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        return _pipeline is null
            ? SendOneWayDirectAsync(service, method, arguments, options, cancellationToken)
            : RunPipelineAsync(service, method, arguments, resultType: null, options, cancellationToken);
    }

    private async Task SendOneWayDirectAsync(
        string service, string method, object?[]? arguments, CallOptions? options, CancellationToken cancellationToken)
    {
        ThrowIfCancelled(cancellationToken);
        var timeout = ResolveTimeout(options);
        var connection = await GetConnectionAsync(options, timeout, cancellationToken);
        connection.SendOneWay(new OutgoingCall(service, method, arguments ?? [], ResolveCodec(options), options?.Metadata, timeout));
    }

    /// <summary>The blocking form of <see cref="SendOneWayAsync"/>.</summary>
    public void SendOneWay(
        string service, string method, object?[]? arguments = null, CallOptions? options = null, CancellationToken cancellationToken = default) =>
        Block(() => SendOneWayAndReturn(service, method, arguments, options, cancellationToken));

    private async Task<bool> SendOneWayAndReturn(
        string service, string method, object?[]? arguments, CallOptions? options, CancellationToken cancellationToken)
    {
        await SendOneWayAsync(service, method, arguments, options, cancellationToken);
        return true;
    }

    // Not async itself: without middleware the caller gets InvokeDirectAsync's task, with no second state machine.
    private Task<TResult> InvokeCoreAsync<TResult>(
        string service, string method, object?[]? arguments, CallOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        return _pipeline is null
            ? InvokeDirectAsync<TResult>(service, method, arguments, options, typeof(TResult), cancellationToken).AsTask()
            : CastAsync<TResult>(RunPipelineAsync(service, method, arguments, typeof(TResult), options, cancellationToken));
    }

    // The call itself, below any middleware. The result is decoded as decodeAs, which is TResult except for the
    // pipeline's last step, which asks for object and the context's declared result type. Pooled: its state machine is
    // reused, and the public Task is the small wrapper AsTask makes.
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult> InvokeDirectAsync<TResult>(
        string service, string method, object?[]? arguments, CallOptions? options, Type decodeAs, CancellationToken cancellationToken)
    {
        ThrowIfCancelled(cancellationToken);
        var codec = ResolveCodec(options);
        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        var timeout = ResolveTimeout(options);
        _counters.CallStarted();
        try
        {
            CallResult result;
            if (_cluster is null)
            {
                var connection = await GetConnectionAsync(options, timeout, cancellationToken);
                var remaining = Remaining(timeout, time.GetElapsedTime(started));
                var request = new OutgoingCall(service, method, arguments ?? [], codec, options?.Metadata, remaining);
                result = await connection.CallAsync(request, cancellationToken);
            }
            else
            {
                // The deadline is the whole timeout from the start; each attempt sends the time left of it.
                var request = new OutgoingCall(service, method, arguments ?? [], codec, options?.Metadata, timeout);
                result = await _cluster.Invoker.CallAsync(request, options, started, cancellationToken);
            }

            try
            {
                if (result.Status != StatusCode.Ok)
                {
                    throw result.ToException();
                }

                return (TResult)Decode(codec, in result, decodeAs, service, method)!;
            }
            finally
            {
                result.Release();
            }
        }
        finally
        {
            _counters.CallEnded();
        }
    }

    private static object? Decode(RpcCodec codec, in CallResult result, Type type, string service, string method)
    {
        if (result.Codec != codec.Id && !result.Payload.IsEmpty)
        {
            throw new RpcException(StatusCode.Internal,
                $"{service}.{method} answered with codec {result.Codec}, but the call used {codec.Name} ({codec.Id})");
        }

        try
        {
            return codec.Deserialize(result.Payload, type);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(StatusCode.Internal,
                $"could not decode the result of {service}.{method} as {type.Name}: {ex.Message}", ex);
        }
    }

    private async ValueTask<ClientConnection> GetConnectionAsync(CallOptions? options, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = _channel.GetConnectionAsync(options, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            return pending.Result;
        }

        try
        {
            var task = pending.AsTask();
            return timeout == Timeout.InfiniteTimeSpan
                ? await task
                : await task.WaitAsync(timeout, _options.TimeProvider, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new RpcException(StatusCode.DeadlineExceeded,
                $"no connection to {EndPoint} became ready within the call's timeout of {timeout.TotalMilliseconds:0} ms", ex);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new RpcException(StatusCode.Cancelled, "the call was cancelled by the caller", ex);
        }
    }

    private TimeSpan ResolveTimeout(CallOptions? options, bool isStream = false)
    {
        var defaultTimeout = isStream ? _options.DefaultStreamTimeout : _options.DefaultTimeout;
        var timeout = options?.Timeout ?? (options?.Deadline is null ? defaultTimeout : Timeout.InfiniteTimeSpan);
        if (options?.Deadline is { } deadline)
        {
            var untilDeadline = deadline - _options.TimeProvider.GetUtcNow();
            timeout = timeout == Timeout.InfiniteTimeSpan || untilDeadline < timeout ? untilDeadline : timeout;
        }

        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new RpcException(StatusCode.DeadlineExceeded, "the call's deadline had already passed when it started");
        }

        // Past what the wire (:timeout is at most int.MaxValue ms) and timers can express, there is no practical deadline.
        return timeout > MaxTimeout ? Timeout.InfiniteTimeSpan : timeout;
    }

    private static void ThrowIfCancelled(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            throw new RpcException(StatusCode.Cancelled, "the call was cancelled by the caller before it started");
        }
    }

    private static TimeSpan Remaining(TimeSpan timeout, TimeSpan elapsed)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return timeout;
        }

        var remaining = timeout - elapsed;
        return remaining > TimeSpan.Zero
            ? remaining
            : throw new RpcException(StatusCode.DeadlineExceeded,
                $"the call's timeout of {timeout.TotalMilliseconds:0} ms ran out before it could be sent");
    }

    // Blocking calls: under a synchronization context (UI, classic ASP.NET) the whole call starts on the thread pool,
    // so that no continuation of it is posted back to the context this thread is blocking.
    private static T Block<T>(Func<Task<T>> call) =>
        SynchronizationContext.Current is null
            ? call().GetAwaiter().GetResult()
            : Task.Run(call).GetAwaiter().GetResult();
}

using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Parley.Protocol;
using Parley.Diagnostics;

namespace Parley.Client.Middleware;

/// <summary>The built-in client middleware: logging, metrics and a bearer token on every call.</summary>
public static class ClientMiddleware
{
    /// <summary>
    /// Logs each call when it ends, through the client's <see cref="RpcClientOptions.LoggerFactory"/> (category
    /// <c>Parley.Client.Calls</c>): successes at <paramref name="successLevel"/>, failures at Warning.
    /// </summary>
    public static RpcClientOptions UseLogging(this RpcClientOptions options, LogLevel successLevel = LogLevel.Debug)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Use((next, client) =>
        {
            var logger = options.LoggerFactory.CreateLogger("Parley.Client.Calls");
            var time = options.TimeProvider;
            return async context =>
            {
                var started = time.GetTimestamp();
                try
                {
                    var result = await next(context);
                    if (logger.IsEnabled(successLevel))
                    {
                        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
                        ClientCallLog.Completed(logger, successLevel, context.Service, context.Method, client.EndPoint, StatusCode.Ok, elapsed);
                    }

                    return result;
                }
                catch (Exception ex) when (logger.IsEnabled(LogLevel.Warning))
                {
                    var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
                    ClientCallLog.Completed(logger, LogLevel.Warning, context.Service, context.Method, client.EndPoint, StatusOf(ex), elapsed);
                    throw;
                }
            };
        });
    }

    /// <summary>
    /// Records every call on the client's meter (<see cref="RpcClient.Meter"/>): <c>rpc.client.call.duration</c> (seconds)
    /// and <c>parley.client.calls</c>, tagged with <c>rpc.service</c>, <c>rpc.method</c> and <c>rpc.parley.status_code</c>.
    /// </summary>
    public static RpcClientOptions UseMetrics(this RpcClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Use((next, client) =>
        {
            var duration = client.Meter.CreateHistogram<double>("rpc.client.call.duration", "s", "Duration of calls as the caller saw them.");
            var calls = client.Meter.CreateCounter<long>("parley.client.calls", "{call}", "Calls made, by status.");
            var time = options.TimeProvider;
            return async context =>
            {
                var started = time.GetTimestamp();
                var status = StatusCode.Ok;
                try
                {
                    return await next(context);
                }
                catch (Exception ex)
                {
                    status = StatusOf(ex);
                    throw;
                }
                finally
                {
                    var tags = CallTags.Create(context.Service, context.Method, status);
                    duration.Record(time.GetElapsedTime(started).TotalSeconds, tags);
                    calls.Add(1, tags);
                }
            };
        });
    }

    /// <summary>
    /// Adds <c>authorization: Bearer &lt;token&gt;</c> to every call, asking <paramref name="getToken"/> for the token each
    /// time (so it may refresh it; cache inside it what is expensive).
    /// </summary>
    public static RpcClientOptions UseBearerToken(this RpcClientOptions options, Func<CancellationToken, ValueTask<string>> getToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(getToken);
        return options.Use(next => async context =>
        {
            var token = await getToken(context.CancellationToken);
            var withToken = new CallOptions { Metadata = new RpcMetadata().Add("authorization", "Bearer " + token) };
            context.Options = CallOptions.Merge(withToken, context.Options);
            return await next(context);
        });
    }

    private static StatusCode StatusOf(Exception exception) => exception switch
    {
        RpcException rpc => rpc.StatusCode,
        OperationCanceledException => StatusCode.Cancelled,
        _ => StatusCode.Internal,
    };
}

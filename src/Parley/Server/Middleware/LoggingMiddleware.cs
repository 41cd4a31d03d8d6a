using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Middleware;

/// <summary>Logs every call's outcome: service, method, peer, status and duration.</summary>
public static class LoggingMiddleware
{
    /// <summary>
    /// Logs each call when it ends, through the server's <see cref="RpcServerOptions.LoggerFactory"/> (category
    /// <c>Parley.Server.Calls</c>): successes at <paramref name="successLevel"/>, failures at Warning (Error for INTERNAL).
    /// </summary>
    public static RpcServerBuilder UseLogging(this RpcServerBuilder builder, LogLevel successLevel = LogLevel.Information)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseBuiltIn((next, runtime) =>
        {
            var logger = runtime.Options.LoggerFactory.CreateLogger("Parley.Server.Calls");
            var time = runtime.Options.TimeProvider;
            return async context =>
            {
                var started = time.GetTimestamp();
                try
                {
                    await next(context);
                    if (logger.IsEnabled(successLevel))
                    {
                        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
                        CallLog.Completed(logger, successLevel, context.Service, context.Method, context.Peer, StatusCode.Ok, elapsed, null);
                    }
                }
                catch (Exception ex)
                {
                    var status = ServerCallStatus.Of(ex, context, time);
                    var level = status == StatusCode.Internal ? LogLevel.Error : LogLevel.Warning;
                    if (logger.IsEnabled(level))
                    {
                        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
                        var error = status == StatusCode.Internal ? ex : null;
                        CallLog.Completed(logger, level, context.Service, context.Method, context.Peer, status, elapsed, error);
                    }

                    throw;
                }
            };
        });
    }
}

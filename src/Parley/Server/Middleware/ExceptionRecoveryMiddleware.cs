using Microsoft.Extensions.Logging;

namespace Parley.Server.Middleware;

/// <summary>
/// Turns handler exceptions into clear statuses (see <see cref="ExceptionRecoveryOptions"/>) and logs the unexpected
/// ones, so that a crash inside a handler becomes INTERNAL with a safe message instead of leaking internals.
/// <see cref="RpcException"/> and cancellations pass through unchanged.
/// </summary>
public static class ExceptionRecoveryMiddleware
{
    /// <summary>Adds exception recovery; put it after logging and metrics so that they see the mapped status.</summary>
    public static RpcServerBuilder UseExceptionRecovery(this RpcServerBuilder builder, Action<ExceptionRecoveryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ExceptionRecoveryOptions();
        configure?.Invoke(options);
        return builder.UseBuiltIn((next, runtime) =>
        {
            var logger = runtime.Options.LoggerFactory.CreateLogger("Parley.Server.Recovery");
            var includeDetails = runtime.Options.IncludeExceptionDetails;
            return async context =>
            {
                try
                {
                    await next(context);
                }
                catch (Exception ex) when (ex is not RpcException
                    && !(ex is OperationCanceledException && context.CancellationToken.IsCancellationRequested))
                {
                    if (options.TryMap(ex) is { } mapped)
                    {
                        throw mapped;
                    }

                    RecoveryLog.Unhandled(logger, context.Service, context.Method, ex);
                    throw new RpcException(StatusCode.Internal, includeDetails ? ex.ToString() : options.InternalErrorDetail, ex);
                }
            };
        });
    }
}

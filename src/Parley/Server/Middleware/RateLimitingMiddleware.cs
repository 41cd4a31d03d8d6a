using System.Globalization;
using System.Threading.RateLimiting;
using Parley.Protocol;

namespace Parley.Server.Middleware;

/// <summary>
/// Rejects calls over a rate limit with RESOURCE_EXHAUSTED before the handler runs, without queueing. When the
/// limiter knows when a permit will be free, the error says so and carries it as the trailer <c>retry-after-ms</c>.
/// </summary>
public static class RateLimitingMiddleware
{
    /// <summary>The trailer that carries the suggested wait, in whole milliseconds.</summary>
    public const string RetryAfterKey = "retry-after-ms";

    /// <summary>Adds rate limiting. The limiters are disposed when the server is disposed.</summary>
    public static RpcServerBuilder UseRateLimiting(this RpcServerBuilder builder, Action<RateLimitingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new RateLimitingOptions();
        configure(options);
        var limiters = options.Limiters.ToArray();
        if (limiters.Length == 0)
        {
            throw new ArgumentException("Configure at least one limit (LimitEachMethod, LimitEachClient or AddLimiter).", nameof(configure));
        }

        return builder.UseBuiltIn((next, runtime) =>
        {
            foreach (var (_, limiter) in limiters)
            {
                runtime.Disposables.Add(limiter);
            }

            return async context =>
            {
                var leases = new RateLimitLease[limiters.Length];
                try
                {
                    for (var i = 0; i < limiters.Length; i++)
                    {
                        leases[i] = limiters[i].Limiter.AttemptAcquire(context);
                        if (!leases[i].IsAcquired)
                        {
                            throw Rejected(limiters[i].Scope, leases[i], context);
                        }
                    }

                    await next(context); // leases are held for the whole call, which concurrency limiters rely on
                }
                finally
                {
                    foreach (var lease in leases)
                    {
                        lease?.Dispose();
                    }
                }
            };
        });
    }

    private static RpcException Rejected(string scope, RateLimitLease lease, ServerCallContext context)
    {
        var detail = $"rate limit exceeded ({scope}) for {context.Service}.{context.Method}";
        if (!lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            return new RpcException(StatusCode.ResourceExhausted, detail);
        }

        var milliseconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalMilliseconds));
        var trailers = new RpcMetadata().Add(RetryAfterKey, milliseconds.ToString(CultureInfo.InvariantCulture));
        return new RpcException(StatusCode.ResourceExhausted, $"{detail}; retry after {milliseconds} ms", trailers);
    }
}

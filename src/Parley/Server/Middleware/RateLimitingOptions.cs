using System.Net;
using System.Threading.RateLimiting;

namespace Parley.Server.Middleware;

/// <summary>The limits <see cref="RateLimitingMiddleware"/> applies; a call must get a permit from every one.</summary>
public sealed class RateLimitingOptions
{
    internal List<(string Scope, PartitionedRateLimiter<ServerCallContext> Limiter)> Limiters { get; } = [];

    /// <summary>Gives each method its own token bucket of <paramref name="permitsPerSecond"/>, allowing bursts of <paramref name="burst"/>.</summary>
    public RateLimitingOptions LimitEachMethod(int permitsPerSecond, int? burst = null) =>
        AddLimiter("per method", TokenBuckets(context => context.Service + "." + context.Method, permitsPerSecond, burst));

    /// <summary>
    /// Gives each client its own token bucket. A client is <paramref name="clientKey"/>(call), by default the
    /// authenticated user's name, else the <c>client-id</c> request metadata, else the peer's IP address.
    /// </summary>
    public RateLimitingOptions LimitEachClient(int permitsPerSecond, int? burst = null, Func<ServerCallContext, string>? clientKey = null) =>
        AddLimiter("per client", TokenBuckets(clientKey ?? DefaultClientKey, permitsPerSecond, burst));

    /// <summary>Adds any limiter from System.Threading.RateLimiting; <paramref name="scope"/> names it in errors.</summary>
    public RateLimitingOptions AddLimiter(string scope, PartitionedRateLimiter<ServerCallContext> limiter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(limiter);
        Limiters.Add((scope, limiter));
        return this;
    }

    /// <summary>The default client key: user name, else <c>client-id</c> metadata, else peer IP address.</summary>
    public static string DefaultClientKey(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User?.Identity?.Name
            ?? context.RequestMetadata.Get("client-id")
            ?? (context.Peer as IPEndPoint)?.Address.ToString()
            ?? context.Peer?.ToString()
            ?? "unknown";
    }

    private static PartitionedRateLimiter<ServerCallContext> TokenBuckets(
        Func<ServerCallContext, string> key, int permitsPerSecond, int? burst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permitsPerSecond);
        var limit = burst ?? permitsPerSecond;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(burst));

        // Refill in tenths of a second where the rate allows, so permits arrive smoothly rather than once a second.
        var (period, tokens) = permitsPerSecond >= 10
            ? (TimeSpan.FromMilliseconds(100), permitsPerSecond / 10)
            : (TimeSpan.FromSeconds(1.0 / permitsPerSecond), 1);
        return PartitionedRateLimiter.Create<ServerCallContext, string>(context => RateLimitPartition.GetTokenBucketLimiter(
            key(context),
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit,
                TokensPerPeriod = tokens,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }
}

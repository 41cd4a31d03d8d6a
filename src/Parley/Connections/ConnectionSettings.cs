using Microsoft.Extensions.Logging;
using Parley.Protocol;

namespace Parley.Connections;

/// <summary>What one connection needs to know from the client or server options, copied once at start.</summary>
internal sealed record ConnectionSettings(
    ProtocolLimits Limits,
    TimeSpan KeepAliveInterval,
    TimeSpan KeepAliveTimeout,
    TimeSpan HandshakeTimeout,
    TimeSpan IdleTimeout,
    TimeProvider TimeProvider,
    ILogger Logger,
    string Agent)
{
    /// <summary>How often the connection checks its timers: fine enough for the shortest one, at most once a second.</summary>
    public TimeSpan TickPeriod
    {
        get
        {
            var shortest = HandshakeTimeout;
            if (IdleTimeout != Timeout.InfiniteTimeSpan)
            {
                shortest = Min(shortest, IdleTimeout);
            }

            if (KeepAliveInterval != Timeout.InfiniteTimeSpan)
            {
                shortest = Min(shortest, Min(KeepAliveInterval, KeepAliveTimeout));
            }

            var period = shortest / 4;
            return period < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10)
                : period > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1)
                : period;
        }
    }

    public static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

using Microsoft.Extensions.Logging;

namespace Parley.Etcd.Internal;

internal static partial class EtcdLog
{
    [LoggerMessage(700, LogLevel.Debug, "Registered {Service}/{Id} in etcd under lease {Lease}")]
    public static partial void Registered(ILogger logger, string service, string id, long lease);

    [LoggerMessage(701, LogLevel.Warning, "Registering {Service}/{Id} in etcd failed; trying again in {Delay}")]
    public static partial void RegisterFailed(ILogger logger, string service, string id, TimeSpan delay, Exception exception);

    [LoggerMessage(702, LogLevel.Warning, "Renewing the lease of {Service}/{Id} in etcd failed; trying again in {Delay}")]
    public static partial void KeepAliveFailed(ILogger logger, string service, string id, TimeSpan delay, Exception exception);

    [LoggerMessage(703, LogLevel.Warning, "etcd no longer has the lease of {Service}/{Id} (it expired, or etcd lost its data); registering the instance again")]
    public static partial void LeaseLost(ILogger logger, string service, string id);

    [LoggerMessage(704, LogLevel.Information, "Registered {Service}/{Id} in etcd again under lease {Lease}")]
    public static partial void Reregistered(ILogger logger, string service, string id, long lease);

    [LoggerMessage(705, LogLevel.Information, "{Service}/{Id} is held by another registration in etcd now (lease {Lease}); this one stops")]
    public static partial void Superseded(ILogger logger, string service, string id, long lease);

    [LoggerMessage(706, LogLevel.Warning, "Deleting {Service}/{Id} from etcd failed; revoking its lease removes it, or else its expiry")]
    public static partial void DeregisterFailed(ILogger logger, string service, string id, Exception exception);

    [LoggerMessage(707, LogLevel.Warning, "Watching {Service} in etcd failed; trying again in {Delay}")]
    public static partial void WatchFailed(ILogger logger, string service, TimeSpan delay, Exception exception);

    [LoggerMessage(708, LogLevel.Information, "The watch of {Service} fell behind etcd's compaction at revision {CompactRevision}; reading the service again")]
    public static partial void WatchCompacted(ILogger logger, string service, long compactRevision);

    [LoggerMessage(709, LogLevel.Warning, "Skipped etcd key {Key}: {Problem}")]
    public static partial void InvalidValue(ILogger logger, string key, string problem);

    [LoggerMessage(710, LogLevel.Information, "Watching {Service} in etcd again from revision {Revision}")]
    public static partial void WatchResumed(ILogger logger, string service, long revision);

    [LoggerMessage(711, LogLevel.Information, "Renewed the lease of {Service}/{Id} in etcd again")]
    public static partial void KeepAliveRecovered(ILogger logger, string service, string id);

    [LoggerMessage(712, LogLevel.Debug, "Revoking a lease of {Service}/{Id} in etcd failed; etcd drops it when it expires")]
    public static partial void RevokeFailed(ILogger logger, string service, string id, Exception exception);
}

using Microsoft.Extensions.Logging;

namespace Parley.Cluster;

internal static partial class ClusterLog
{
    [LoggerMessage(140, LogLevel.Information, "Service {Service}: instance {InstanceId} at {Address} joined")]
    public static partial void InstanceAdded(ILogger logger, string service, string instanceId, System.Net.EndPoint address);

    [LoggerMessage(141, LogLevel.Information, "Service {Service}: instance {InstanceId} left; its running calls may finish")]
    public static partial void InstanceRemoved(ILogger logger, string service, string instanceId);

    [LoggerMessage(142, LogLevel.Warning, "Service {Service}: instance {InstanceId} ejected (ejection {Ejections}): {Reason}")]
    public static partial void InstanceEjected(ILogger logger, string service, string instanceId, int ejections, string reason);

    [LoggerMessage(143, LogLevel.Information, "Service {Service}: instance {InstanceId} answered its probe and takes calls again")]
    public static partial void InstanceReturned(ILogger logger, string service, string instanceId);

    [LoggerMessage(144, LogLevel.Warning, "Service {Service}: the circuit breaker of instance {InstanceId} opened for {BreakDuration}")]
    public static partial void BreakerOpened(ILogger logger, string service, string instanceId, TimeSpan breakDuration);

    [LoggerMessage(145, LogLevel.Information, "Service {Service}: the circuit breaker of instance {InstanceId} closed")]
    public static partial void BreakerClosed(ILogger logger, string service, string instanceId);

    [LoggerMessage(146, LogLevel.Warning, "Service {Service}: watching the registry failed; keeping the last known instances: {Reason}")]
    public static partial void WatchFailed(ILogger logger, string service, string reason);
}

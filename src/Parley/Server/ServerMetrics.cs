using System.Diagnostics.Metrics;

namespace Parley.Server;

/// <summary>The server's instruments, one meter per server so that two servers never mix their numbers.</summary>
internal static class ServerMetrics
{
    public const string MeterName = "Parley.Server";

    public static Meter Create(ServerCounters counters)
    {
        var meter = new Meter(MeterName, ParleyInfo.Version);
        meter.CreateObservableUpDownCounter("rpc.server.active_calls", () => counters.ActiveCalls, "{call}",
            "Calls whose handler is running or queued.");
        meter.CreateObservableUpDownCounter("parley.server.connections", () => counters.Connections, "{connection}",
            "Open connections.");
        meter.CreateObservableCounter("parley.server.protocol_errors", () => counters.ProtocolErrors, "{connection}",
            "Connections closed because the peer broke the protocol.");
        return meter;
    }
}

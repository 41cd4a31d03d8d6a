using System.Diagnostics.Metrics;

namespace Parley.Client;

/// <summary>The client's instruments, one meter per client so that two clients never mix their numbers.</summary>
internal static class ClientMetrics
{
    public const string MeterName = "Parley.Client";

    public static Meter Create(RpcClient client)
    {
        var meter = new Meter(MeterName, ParleyInfo.Version);
        meter.CreateObservableUpDownCounter("rpc.client.active_calls", () => client.Statistics.ActiveCalls, "{call}",
            "Calls started and not yet finished.");
        meter.CreateObservableUpDownCounter("parley.client.pending_calls", () => (long)client.Statistics.PendingCalls, "{call}",
            "Calls waiting for a response in the pending-call tables.");
        meter.CreateObservableCounter("parley.client.late_responses", () => client.Statistics.LateResponses, "{response}",
            "Responses dropped because their call had already timed out or been cancelled.");
        return meter;
    }
}

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
        if (client.Cluster is not null)
        {
            // Only for registry:// clients, whose calls have attempts and instances.
            meter.CreateObservableCounter("parley.client.retries", () => client.Cluster?.Retries ?? 0, "{attempt}",
                "Attempts after a call's first, retries and hedges both.");
            meter.CreateObservableCounter("parley.client.retries_refused", () => client.Cluster?.RetriesRefusedByBudget ?? 0, "{attempt}",
                "Retries and hedges not made because the retry budget was spent.");
            meter.CreateObservableUpDownCounter("parley.client.available_instances",
                () => (long)(client.Cluster?.Instances.Count(i => i.State == Cluster.InstanceState.Available) ?? 0), "{instance}",
                "Instances of the service that take calls now.");
        }

        return meter;
    }
}

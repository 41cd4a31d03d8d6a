using System.Net;

namespace Parley.Cluster;

/// <summary>A client's view of the service it calls through a registry, at one moment.</summary>
/// <param name="Service">The service name.</param>
/// <param name="Instances">Every known instance, ordered by id.</param>
/// <param name="Retries">Attempts after the first (retries and hedges) so far.</param>
/// <param name="Hedges">Hedged attempts so far.</param>
/// <param name="RetriesRefusedByBudget">Retries and hedges not made because the retry budget was spent.</param>
/// <param name="RetriesStoppedByDeadline">Retries not made because the call's deadline would pass first.</param>
public sealed record ClusterStatistics(
    string Service,
    IReadOnlyList<InstanceStatistics> Instances,
    long Retries,
    long Hedges,
    long RetriesRefusedByBudget,
    long RetriesStoppedByDeadline)
{
    /// <summary>The share of calls that found a connection already open: 1 - connections opened / calls.</summary>
    public double ConnectionReuseRatio
    {
        get
        {
            long calls = 0, opened = 0;
            foreach (var instance in Instances)
            {
                calls += instance.Calls;
                opened += instance.ConnectionsOpened;
            }

            return calls == 0 ? 0 : Math.Max(0, 1 - opened / (double)calls);
        }
    }
}

/// <summary>One instance as the client sees it.</summary>
/// <param name="Id">The instance id.</param>
/// <param name="Address">Where it is called.</param>
/// <param name="State">Whether it takes calls now, and if not, why.</param>
/// <param name="Weight">Its registered weight.</param>
/// <param name="CallsInFlight">Calls sent to it that have not completed.</param>
/// <param name="Calls">Attempts sent to it so far.</param>
/// <param name="Failures">Attempts that failed because of it (see <see cref="CircuitBreakerOptions.FailureStatusCodes"/>).</param>
/// <param name="OpenConnections">Connections open to it now.</param>
/// <param name="ConnectionsOpened">Connections opened to it so far.</param>
/// <param name="Ejections">Times it was ejected in the current run of ejections.</param>
public sealed record InstanceStatistics(
    string Id,
    EndPoint Address,
    InstanceState State,
    int Weight,
    int CallsInFlight,
    long Calls,
    long Failures,
    int OpenConnections,
    long ConnectionsOpened,
    int Ejections);

using Parley.Tests.TestSupport;
using Parley.Client;
using Parley.Cluster;

namespace Parley.Tests.Cluster;

public static class ClusterWaits
{
    /// <summary>Waits until the client sees <paramref name="id"/> in <paramref name="state"/>.</summary>
    public static Task WaitForStateAsync(this RpcClient client, string id, InstanceState state) =>
        TaskTimeouts.WaitUntilAsync(
            () => client.Cluster!.Instances.Any(i => i.Id == id && i.State == state),
            $"instance {id} to be {state}");

    /// <summary>Waits until the client knows exactly <paramref name="count"/> instances, each with an open connection.</summary>
    public static Task WaitForConnectedAsync(this RpcClient client, int count) =>
        TaskTimeouts.WaitUntilAsync(
            () => client.Cluster!.Instances is var all
                && all.Count == count && all.All(i => i.State == InstanceState.Available && i.OpenConnections > 0),
            $"{count} connected instances");

    public static string Describe(RpcClient client) =>
        string.Join(", ", client.Cluster!.Instances.Select(i => $"{i.Id}={i.State}/{i.OpenConnections}"));

    /// <summary>Runs <paramref name="calls"/> calls from <paramref name="concurrency"/> callers and counts the answers.</summary>
    public static async Task<Dictionary<string, int>> CountAnswersAsync(int calls, int concurrency, Func<int, Task<string>> call)
    {
        var counts = new Dictionary<string, int>();
        var next = -1;
        var callers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var mine = new Dictionary<string, int>();
            int index;
            while ((index = Interlocked.Increment(ref next)) < calls)
            {
                var id = await call(index);
                mine[id] = mine.GetValueOrDefault(id) + 1;
            }

            return mine;
        });
        foreach (var mine in await Task.WhenAll(callers).WaitAsync(TimeSpan.FromMinutes(2)))
        {
            foreach (var (id, count) in mine)
            {
                counts[id] = counts.GetValueOrDefault(id) + count;
            }
        }

        return counts;
    }
}

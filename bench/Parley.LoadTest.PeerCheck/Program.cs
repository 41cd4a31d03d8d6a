using Parley.LoadTest.PeerCheck;
using Parley.LoadTest.Systems;

// Checks every peer system without the load tool: its own server, one client connection, every reply verified.
// Exit code 0 when all pass. The rates are a sanity check on a shared machine, not results.
IBenchSystem[] systems = [new RawSocketSystem(), new Http1JsonSystem()];
using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(30));
var failed = new List<string>();
foreach (var system in systems)
{
    try
    {
        await SystemCheck.RunAsync(system, deadline.Token);
    }
    catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException or HttpRequestException)
    {
        failed.Add(system.Name);
        Console.WriteLine($"{system.Name}: FAILED: {e}");
    }
}

Console.WriteLine(failed.Count == 0 ? "All peer systems passed." : $"FAILED: {string.Join(", ", failed)}");
return failed.Count == 0 ? 0 : 1;

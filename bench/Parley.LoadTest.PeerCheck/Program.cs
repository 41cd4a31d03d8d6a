using Parley.LoadTest.PeerCheck;
using Parley.LoadTest.Systems;

// Checks every peer system without the load tool: its own server, one client connection, every reply verified.
// Exit code 0 when all pass. The rates are a sanity check on a shared machine, not results.
// Arguments, if any, name the systems to check (raw-socket, http1-json, http2).
IBenchSystem[] systems = [new RawSocketSystem(), new Http1JsonSystem(), new Http2System()];
if (args.Length > 0)
{
    systems = [.. systems.Where(s => args.Contains(s.Name, StringComparer.OrdinalIgnoreCase))];
    if (systems.Length == 0)
    {
        Console.WriteLine($"No system is named {string.Join(" or ", args)}.");
        return 2;
    }
}

using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(30));
var failed = new List<string>();
foreach (var system in systems)
{
    try
    {
        await SystemCheck.RunAsync(system, deadline.Token);
        await SystemCheck.RunServerStopAsync(system, deadline.Token);
    }
    catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException or HttpRequestException or TimeoutException)
    {
        failed.Add(system.Name);
        Console.WriteLine($"{system.Name}: FAILED: {e}");
    }
}

Console.WriteLine(failed.Count == 0 ? "All peer systems passed." : $"FAILED: {string.Join(", ", failed)}");
return failed.Count == 0 ? 0 : 1;

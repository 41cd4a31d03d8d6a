using System.Collections.Concurrent;
using System.Net;
using ClusterSample;
using Parley;
using Parley.Client;
using Parley.Etcd;
using Parley.Server;

// dotnet run --project samples/Cluster [-- --calls N]
// Starts etcd, three instances of the "greeter" service that register in it, and a client that calls the service by
// name: first N calls (30,000) to show the balancing, then it stops one instance under load and shows the failover.
const string Service = "greeter";
var calls = args is ["--calls", var count] ? int.Parse(count, System.Globalization.CultureInfo.InvariantCulture) : 30_000;

EtcdProcess etcd;
try
{
    etcd = await EtcdProcess.StartAsync();
}
catch (FileNotFoundException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

await using (etcd)
{
    Console.WriteLine($"etcd listening on {etcd.ClientUrl}");
    var instances = new Dictionary<string, (RpcServer Server, EtcdRegistry Registry)>();
    foreach (var id in new[] { "a", "b", "c" })
    {
        // Each instance has its own registry client, as separate processes would: its own lease, kept alive.
        var registry = new EtcdRegistry(new EtcdRegistryOptions { Endpoints = [etcd.ClientUrl] });
        var server = new RpcServerBuilder().AddService<IGreeter>(new Greeter(id)).ListenTcp(IPAddress.Loopback, 0).Build();
        await server.StartAsync();
        await server.RegisterAsync(registry, Service, id); // only once it listens
        instances[id] = (server, registry);
        Console.WriteLine($"instance {id} listening on {server.EndPoints[0]}");
    }

    await using var clientRegistry = new EtcdRegistry(new EtcdRegistryOptions { Endpoints = [etcd.ClientUrl] });
    await using var client = RpcClient.Create("registry://" + Service, new RpcClientOptions { Registry = clientRegistry });
    var greeter = client.GetService<IGreeter>();
    await client.ConnectAsync();
    while (client.Cluster!.Instances.Count < instances.Count)
    {
        await Task.Delay(10);
    }

    // Balancing: round robin over the three instances.
    Console.WriteLine($"{calls} calls through registry://{Service}:");
    Print(await CallAsync(greeter, calls));

    // Failover: instance b stops while calls keep coming. It leaves the registry first, then finishes its calls.
    using var stop = new CancellationTokenSource();
    var afterStop = new ConcurrentDictionary<string, int>();
    var stopped = false;
    var failed = 0;
    var made = 0;
    var load = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref made);
            var startedAfterStop = Volatile.Read(ref stopped); // a call that started before may still answer from b
            try
            {
                var greeting = await greeter.GreetAsync("load");
                if (startedAfterStop)
                {
                    afterStop.AddOrUpdate(greeting.Instance, 1, (_, n) => n + 1);
                }
            }
            catch (RpcException)
            {
                Interlocked.Increment(ref failed);
            }
        }
    })).ToArray();

    await Task.Delay(500);
    Console.WriteLine("stopping instance b under load");
    await instances["b"].Server.StopAsync();
    Volatile.Write(ref stopped, true);
    await Task.Delay(1_500);
    await stop.CancelAsync();
    await Task.WhenAll(load);
    Console.WriteLine($"failed calls={failed} of {made}");
    Console.WriteLine("calls after the stop:");
    Print(afterStop);

    foreach (var (server, registry) in instances.Values)
    {
        await server.DisposeAsync();
        await registry.DisposeAsync();
    }
}

return 0;

static async Task<IDictionary<string, int>> CallAsync(IGreeter greeter, int calls)
{
    var counts = new ConcurrentDictionary<string, int>();
    var next = 0;
    await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
    {
        while (Interlocked.Increment(ref next) <= calls)
        {
            var greeting = await greeter.GreetAsync("sample");
            counts.AddOrUpdate(greeting.Instance, 1, (_, n) => n + 1);
        }
    })));
    return counts;
}

static void Print(IDictionary<string, int> counts)
{
    foreach (var (instance, n) in counts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
    {
        Console.WriteLine($"instance={instance} calls={n}");
    }
}

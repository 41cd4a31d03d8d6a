using System.Net;
using Parley.Client;
using Parley.Server;

namespace Quickstart;

internal static class Demo
{
    public static async Task<int> RunAsync()
    {
        var calculator = new Calculator(TimeProvider.System);
        await using var server = new RpcServerBuilder()
            .AddService<ICalculator>(calculator)
            .ListenTcp(IPAddress.Loopback, 0)
            .Build();
        await server.StartAsync();
        var address = $"tcp://{server.EndPoints[0]}";
        Console.WriteLine($"Server listening on {address}");

        await using var client = RpcClient.Create(address);

        // Untyped call by service and method name.
        var sum = await client.InvokeAsync<int>("Calculator", "Add", [1, 2]);
        Console.WriteLine($"Add(1, 2) = {sum}");

        // The same through a dynamic proxy.
        dynamic calc = client.GetDynamicService("Calculator");
        object? time = await calc.GetTime();
        Console.WriteLine($"GetTime() = {time}");

        // One-way: returns once sent; the server runs it without answering.
        await client.SendOneWayAsync("Calculator", "Log", ["hello from the quickstart"]);
        var logged = await calculator.FirstLog.WaitAsync(TimeSpan.FromSeconds(10));
        Console.WriteLine($"Log(\"{logged}\") delivered one-way");

        // Blocking form, for code that is not async.
        Console.WriteLine($"Add(40, 2) = {client.Invoke<int>("Calculator", "Add", [40, 2])}");
        return 0;
    }
}

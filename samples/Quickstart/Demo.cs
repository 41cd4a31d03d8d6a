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

        // Typed: the generated proxy for the contract.
        var calc = client.GetService<ICalculator>();
        Console.WriteLine($"Add(1, 2) = {await calc.AddAsync(1, 2)}");
        Console.WriteLine($"GetTime() = {await calc.GetTimeAsync():O}");

        // Server streaming: the numbers arrive one by one while the call is open.
        var counted = new List<int>();
        await foreach (var number in calc.CountAsync(5))
        {
            counted.Add(number);
        }

        Console.WriteLine($"Count(5) streamed {string.Join(", ", counted)}");

        // One-way: returns once sent; the server runs it without answering.
        await calc.LogAsync("hello from the quickstart");
        var logged = await calculator.FirstLog.WaitAsync(TimeSpan.FromSeconds(10));
        Console.WriteLine($"Log(\"{logged}\") delivered one-way");

        // Untyped, by service and method name: no contract needed on the caller's side.
        var sum = await client.InvokeAsync("Calculator", "Add", [40, 2]);
        Console.WriteLine($"InvokeAsync(\"Calculator\", \"Add\", [40, 2]) = {sum}");

        // The same through a dynamic proxy, and the blocking form for code that is not async.
        dynamic dynamicCalc = client.GetDynamicService("Calculator");
        Console.WriteLine($"dynamic Add(20, 22) = {await dynamicCalc.Add(20, 22)}");
        Console.WriteLine($"blocking Add(1, 1) = {client.Invoke<int>("Calculator", "Add", [1, 1])}");
        return 0;
    }
}

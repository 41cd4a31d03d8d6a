using System.Net;
using System.Runtime.InteropServices;
using Parley.Server;

namespace Quickstart;

internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (!Usage.TryReadAddress(args, out var host, out var port, out var rest, out var error) || rest.Length > 0)
        {
            return Usage.Fail(error ?? "serve takes no arguments besides --host and --port");
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            return Usage.Fail($"--host must be an IP address, got '{host}'");
        }

        await using var server = new RpcServerBuilder()
            .AddService<ICalculator>(new Calculator(TimeProvider.System))
            .ListenTcp(address, port)
            .Build();
        await server.StartAsync();
        Console.WriteLine($"Serving Calculator on tcp://{server.EndPoints[0]} (Ctrl+C to stop)");

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // we stop gracefully ourselves
            stop.TrySetResult();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        await stop.Task;

        Console.WriteLine("Stopping: finishing calls in flight...");
        await server.StopAsync();
        Console.WriteLine("Stopped.");
        return 0;
    }
}

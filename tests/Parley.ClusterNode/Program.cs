using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Parley.ClusterNode;
using Parley.Server;

// dotnet Parley.ClusterNode.dll --id <id> --listen <ip>:<port>
// Serves INodeService as one node of a test cluster. Prints "listening <ip>:<port>" once the listener is up (port 0
// picks a free one), then serves until SIGTERM, SIGINT or the end of standard input, and stops gracefully.
if (args is not ["--id", var id, "--listen", var listen] || !IPEndPoint.TryParse(listen, out var endPoint))
{
    Console.Error.WriteLine("usage: Parley.ClusterNode --id <id> --listen <ip>:<port>");
    return 2;
}

await using var server = new RpcServerBuilder()
    .AddService<INodeService>(new NodeService(id))
    .ListenTcp(endPoint.Address, endPoint.Port)
    .Build();
await server.StartAsync();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"listening {server.EndPoints[0]}"));
Console.Out.Flush();

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true; // stopped gracefully below
    stop.TrySetResult();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

// The parent closing standard input (or dying) stops the node too, so a test that loses track of it leaves nothing behind.
_ = Task.Run(async () =>
{
    using var input = Console.OpenStandardInput();
    var buffer = new byte[256];
    while (await input.ReadAsync(buffer) > 0)
    {
    }

    stop.TrySetResult();
});

await stop.Task;
await server.StopAsync();
return 0;

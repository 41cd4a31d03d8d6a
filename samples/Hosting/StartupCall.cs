using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley;
using Parley.Client;

namespace HostingSample;

/// <summary>Once the host has started (the server with it), calls the server through the configured client and logs the result.</summary>
internal sealed partial class StartupCall(
    [FromKeyedServices(Program.ClientName)] RpcClient client,
    IHostApplicationLifetime lifetime,
    ILogger<StartupCall> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        try
        {
            // Untyped, by service and method name. With Parley.Generators referenced, register the typed proxy instead:
            // services.AddParleyClient<ICalculator>(configuration) and inject ICalculator.
            var sum = await client.InvokeAsync<int>("Calculator", "Add", [2, 3], cancellationToken: stoppingToken);
            LogResult(client.EndPoint, sum);
        }
        catch (RpcException ex)
        {
            LogFailure(client.EndPoint, ex);
        }
    }

    [LoggerMessage(LogLevel.Information, "Startup call to {EndPoint}: Add(2, 3) = {Sum}")]
    private partial void LogResult(System.Net.EndPoint endPoint, int sum);

    [LoggerMessage(LogLevel.Warning, "Startup call to {EndPoint} failed")]
    private partial void LogFailure(System.Net.EndPoint endPoint, Exception exception);
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Server;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Hosting;

/// <summary>A real generic host (Host.CreateApplicationBuilder), its logs captured, with every wait bounded.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private TestHost(IHost host, CapturingLoggerProvider logs)
    {
        Host = host;
        Logs = logs;
    }

    public IHost Host { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => Host.Services;

    public RpcServer Server => Services.GetRequiredService<RpcServer>();

    /// <summary>Creates the host builder with <paramref name="configuration"/> as its last configuration source.</summary>
    public static HostApplicationBuilder CreateBuilder(Dictionary<string, string?>? configuration = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(configuration ?? []);
        builder.Logging.ClearProviders();
        return builder;
    }

    /// <summary>Builds the host and starts it.</summary>
    public static async Task<TestHost> StartAsync(HostApplicationBuilder builder)
    {
        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        var host = builder.Build();
        try
        {
            await host.StartAsync().DefaultTimeout();
        }
        catch
        {
            await DisposeAsync(host);
            throw;
        }

        return new TestHost(host, logs);
    }

    public Task StopAsync() => Host.StopAsync().DefaultTimeout();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await DisposeAsync(Host);
    }

    private static Task DisposeAsync(IHost host) =>
        host is IAsyncDisposable disposable ? disposable.DisposeAsync().DefaultTimeout() : Task.Run(host.Dispose).DefaultTimeout();
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Client;

namespace Parley.Hosting;

/// <summary>
/// Creates every registered client when the host starts, so that a bad address or option fails the start instead of
/// the first call. Creating a client opens no connection.
/// </summary>
internal sealed class ParleyClientStartupCheck(ParleyClientSetup setup, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var name in setup.Names)
        {
            services.GetRequiredKeyedService<RpcClient>(name);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

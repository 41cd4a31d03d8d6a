using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Server;

namespace Parley.Hosting;

/// <summary>
/// Every configuration step registered for the container's server, in registration order; one instance per service
/// collection, shared by every <c>AddParleyServer</c> call.
/// </summary>
internal sealed class ParleyServerSetup
{
    private readonly List<Action<RpcServerBuilder, IServiceProvider>> _steps = [];

    public void Add(Action<RpcServerBuilder, IServiceProvider> step) => _steps.Add(step);

    /// <summary>Builds the server: the host's logger factory and clock first, then every step, then validation.</summary>
    public RpcServer Build(IServiceProvider services)
    {
        var builder = new RpcServerBuilder();
        builder.Options.LoggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        if (services.GetService<TimeProvider>() is { } time)
        {
            builder.Options.TimeProvider = time;
        }

        using (ServerBuilderServices.Attach(builder, services))
        {
            foreach (var step in _steps)
            {
                step(builder, services);
            }
        }

        return builder.Build();
    }
}

using System.Net;
using Parley.Discovery;

namespace Parley.Server;

public sealed partial class RpcServer
{
    private readonly List<IAsyncDisposable> _registrations = [];

    /// <summary>
    /// Registers this server in <paramref name="registry"/> as an instance of <paramref name="service"/>, at its first
    /// bound address (or <paramref name="advertisedAddress"/>). Only a started server can register, so clients never
    /// find an instance that is not listening yet; <see cref="StopAsync(TimeSpan, CancellationToken)"/> deregisters it
    /// before anything else, so clients stop choosing it while its running calls finish.
    /// </summary>
    /// <param name="registry">Where clients look for the service.</param>
    /// <param name="service">The name clients use (<c>registry://name</c>).</param>
    /// <param name="instanceId">Unique among the service's instances; default <c>machine:port</c>.</param>
    /// <param name="advertisedAddress">Where clients should connect, when that is not the bound address (a server
    /// bound to 0.0.0.0 must say which address it can be reached at).</param>
    /// <param name="configure">Sets weight, metadata or health on the instance before it is registered.</param>
    /// <param name="cancellationToken">Cancels the registration.</param>
    /// <returns>The registered instance.</returns>
    /// <exception cref="InvalidOperationException">The server is not started, or it is stopping.</exception>
    public async Task<ServiceInstance> RegisterAsync(
        IServiceRegistry registry, string service, string? instanceId = null, EndPoint? advertisedAddress = null,
        Func<ServiceInstance, ServiceInstance>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        if (Volatile.Read(ref _state) != 1)
        {
            throw new InvalidOperationException("Start the server before registering it: clients must find only instances that listen.");
        }

        var bound = EndPoints;
        var address = advertisedAddress ?? (bound.Count > 0 ? bound[0] : throw new InvalidOperationException("The server has no listener to register."));
        if (advertisedAddress is null && address is IPEndPoint { Address: var ip } && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            throw new InvalidOperationException(
                $"The server listens on {address}, which clients cannot connect to: pass the address they should use as advertisedAddress.");
        }

        var instance = new ServiceInstance(service, instanceId ?? DefaultInstanceId(address), address);
        instance = configure?.Invoke(instance) ?? instance;
        var registration = await registry.RegisterAsync(instance, cancellationToken);
        lock (_gate)
        {
            if (_state == 1)
            {
                _registrations.Add(registration);
                return instance;
            }
        }

        await registration.DisposeAsync(); // stopped meanwhile: take it back
        throw new InvalidOperationException("The server stopped while it was being registered.");
    }

    private static string DefaultInstanceId(EndPoint address) =>
        address is IPEndPoint ip ? $"{Environment.MachineName}:{ip.Port}" : $"{Environment.MachineName}:{address}";

    private async Task DeregisterAllAsync(CancellationToken cancellationToken)
    {
        IAsyncDisposable[] registrations;
        lock (_gate)
        {
            registrations = [.. _registrations];
            _registrations.Clear();
        }

        foreach (var registration in registrations)
        {
            try
            {
                await registration.DisposeAsync().AsTask().WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A registry that cannot be reached must not keep the server from stopping; its lease or TTL ends it.
                ServerLog.DeregisterFailed(_runtime.Logger, ex.Message);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

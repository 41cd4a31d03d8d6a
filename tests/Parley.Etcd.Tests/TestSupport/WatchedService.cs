using Parley.Tests.TestSupport;
using static Parley.Etcd.Tests.TestSupport.TestRegistries;

namespace Parley.Etcd.Tests.TestSupport;

/// <summary>
/// Where most tests start: one registry (the registrar) has registered some instances of a service, another (the
/// watcher) watches the service and has seen them all. Disposing disposes everything, the watch first.
/// </summary>
public sealed class WatchedService : IAsyncDisposable
{
    private readonly Dictionary<string, IAsyncDisposable> _registrations = [];

    private WatchedService(string service, EtcdRegistry registrar, EtcdRegistry watcher)
    {
        Service = service;
        Registrar = registrar;
        Watcher = watcher;
    }

    public string Service { get; }

    public EtcdRegistry Registrar { get; }

    public EtcdRegistry Watcher { get; }

    /// <summary>The watcher's watch, started once the first instances were registered.</summary>
    public WatchRecorder Watch { get; private set; } = null!;

    /// <summary>The registration of the instance <paramref name="id"/>.</summary>
    public IAsyncDisposable this[string id] => _registrations[id];

    /// <summary>Registers the instances <paramref name="ids"/> through the registrar and waits until the watcher sees them.</summary>
    public static async Task<WatchedService> StartAsync(
        EtcdRegistryOptions registrar, EtcdRegistryOptions watcher, string service, params string[] ids)
    {
        var scene = new WatchedService(service, new EtcdRegistry(registrar), new EtcdRegistry(watcher));
        try
        {
            foreach (var id in ids)
            {
                await scene.RegisterAsync(id);
            }

            scene.Watch = WatchRecorder.Start(scene.Watcher, service);
            await scene.Watch.WaitForIdsAsync(ids);
            return scene;
        }
        catch
        {
            await scene.DisposeAsync();
            throw;
        }
    }

    /// <summary>Registers the instance <paramref name="id"/> through the registrar.</summary>
    public async Task RegisterAsync(string id) =>
        _registrations[id] = await Registrar.RegisterAsync(Instance(Service, id)).DefaultTimeout();

    public async Task<IReadOnlyList<string>> ResolveIdsAsync() =>
        [.. (await Watcher.ResolveAsync(Service).DefaultTimeout()).Instances.Select(i => i.Id)];

    public async ValueTask DisposeAsync()
    {
        if (Watch is not null)
        {
            await Watch.DisposeAsync();
        }

        foreach (var registration in _registrations.Values)
        {
            await registration.DisposeAsync().DefaultTimeout();
        }

        await Registrar.DisposeAsync().DefaultTimeout();
        await Watcher.DisposeAsync().DefaultTimeout();
    }
}

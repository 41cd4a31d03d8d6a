using System.Net;
using Parley.Etcd.Tests.TestSupport;
using Parley.Tests.TestSupport;
using static Parley.Etcd.Tests.TestSupport.TestRegistries;

namespace Parley.Etcd.Tests;

/// <summary>Registrations live as long as their process renews their lease, and not much longer.</summary>
public sealed class LeaseTests(SharedEtcd etcd) : IClassFixture<SharedEtcd>
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    private readonly string _service = NewService();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly TestNetwork _network = new();

    [Fact]
    public async Task Registration_OutlivesItsLeaseTtl_BecauseTheLeaseIsKeptAlive()
    {
        await using var scene = await StartAsync();

        await Task.Delay(Ttl * 3); // what is tested is that nothing happens for several lease lifetimes

        Assert.Equal(["a"], await scene.ResolveIdsAsync());
        Assert.Single(scene.Watch.Snapshots);
    }

    [Fact]
    public async Task LeaseExpires_WhenTheRegisteringProcessIsCutOff_AndTheInstanceComesBackWithTheNetwork()
    {
        await using var scene = await StartAsync();

        _network.Blackhole();
        await scene.Watch.WaitForIdsAsync([]); // etcd removed it when the lease expired

        _network.Restore();
        await scene.Watch.WaitForIdsAsync(["a"]);
        Assert.NotEqual(0, _logs.Count(EtcdEvents.LeaseLost));
        // The watch may show the key back before the registration has read etcd's answer to its put and logged it.
        await TaskTimeouts.WaitUntilAsync(() => _logs.Count(EtcdEvents.Reregistered) > 0, "the registration logs that it registered again");
    }

    [Fact]
    public async Task LostLease_IsNotPutBack_WhenAnotherRegistrationHoldsTheIdByThen()
    {
        await using var scene = await StartAsync();
        await using var other = Create(etcd.Server);

        _network.Blackhole();
        await scene.Watch.WaitForIdsAsync([]);
        await using var replacement = await other.RegisterAsync(Instance(_service, "a", 5002)).DefaultTimeout();
        _network.Restore();

        await TaskTimeouts.WaitUntilAsync(() => _logs.Count(EtcdEvents.Superseded) > 0, "the first registration finds the id taken");
        await scene["a"].DisposeAsync().DefaultTimeout(); // it holds nothing any more: deletes nothing
        var instance = Assert.Single((await scene.Watcher.ResolveAsync(_service).DefaultTimeout()).Instances);
        Assert.Equal(5002, ((IPEndPoint)instance.Address).Port);
    }

    [Fact]
    public async Task DisposingTheRegistration_WhileEtcdIsUnreachable_ReturnsWithoutThrowing_AndTheLeaseRemovesItLater()
    {
        await using var scene = await StartAsync();

        _network.Blackhole();
        await scene["a"].DisposeAsync().DefaultTimeout(); // bounded by the request timeout

        Assert.NotEqual(0, _logs.Count(EtcdEvents.DeregisterFailed));
        await scene.Watch.WaitForIdsAsync([]); // no renewals any more: the lease expires
    }

    /// <summary>Instance a registered under a short lease, through the test's network.</summary>
    private Task<WatchedService> StartAsync()
    {
        var registrar = Options(etcd.Server, _network, _logs);
        registrar.LeaseTtl = Ttl;
        registrar.RequestTimeout = TimeSpan.FromMilliseconds(500);
        return WatchedService.StartAsync(registrar, Options(etcd.Server), _service, "a");
    }
}

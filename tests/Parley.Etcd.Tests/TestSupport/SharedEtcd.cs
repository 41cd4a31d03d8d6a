namespace Parley.Etcd.Tests.TestSupport;

/// <summary>One etcd for the tests of a class that leave it running; each test uses services of its own.</summary>
public sealed class SharedEtcd : IAsyncLifetime
{
    private EtcdServer? _server;

    public EtcdServer Server => _server ?? throw new InvalidOperationException("etcd did not start.");

    public async Task InitializeAsync() => _server = await EtcdServer.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

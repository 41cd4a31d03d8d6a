using Parley.Client;

namespace Parley.Tests.TestSupport;

/// <summary>A test class with a fresh TCP <see cref="TestServer"/> and a client of it for each test.</summary>
public abstract class ServerAndClient : IAsyncLifetime
{
    protected TestServer Server { get; private set; } = null!;

    protected RpcClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync();
        Client = Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}

using Parley.Client;
using Parley.Protobuf.Tests.Protos;

namespace Parley.Protobuf.Tests.TestSupport;

/// <summary>A fresh <see cref="ProtobufTestServer"/> per test, and a client calling its telemetry contract in one codec.</summary>
public abstract class TelemetryClientTests(CallOptions options) : IAsyncLifetime
{
    protected CallOptions CallOptions { get; } = options;

    protected ProtobufTestServer Server { get; private set; } = null!;

    protected RpcClient Client { get; private set; } = null!;

    protected ITelemetry Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ProtobufTestServer.StartAsync();
        Client = Server.CreateClient();
        Proxy = Client.GetService<ITelemetry>(CallOptions);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}

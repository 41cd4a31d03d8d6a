using System.Buffers;
using Parley.Client;
using Parley.Transport;

namespace Parley.Tests.Transport;

public sealed class InMemoryTransportTests
{
    [Fact]
    public async Task Connect_BytesWritten_ArriveAtTheOtherEnd()
    {
        var transport = new InMemoryTransport("bytes");
        var connecting = transport.Connector.ConnectAsync(transport.EndPoint).AsTask();
        var server = await transport.Listener.AcceptAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var client = await connecting.WaitAsync(TimeSpan.FromSeconds(10));

        await client.Pipe.Output.WriteAsync("ping"u8.ToArray());
        var read = await server!.Pipe.Input.ReadAsync();

        Assert.Equal("ping"u8.ToArray(), read.Buffer.ToArray());
        Assert.Equal(transport.EndPoint, server.LocalEndPoint);
    }

    [Fact]
    public async Task Abort_PeerReadFails()
    {
        var transport = new InMemoryTransport("abort");
        var connecting = transport.Connector.ConnectAsync(transport.EndPoint).AsTask();
        var server = await transport.Listener.AcceptAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var client = await connecting.WaitAsync(TimeSpan.FromSeconds(10));

        client.Abort();

        await Assert.ThrowsAsync<ConnectionAbortedException>(async () => await server!.Pipe.Input.ReadAsync());
    }

    [Fact]
    public async Task Dispose_PeerSeesEndOfStream()
    {
        var transport = new InMemoryTransport("dispose");
        var connecting = transport.Connector.ConnectAsync(transport.EndPoint).AsTask();
        var server = await transport.Listener.AcceptAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var client = await connecting.WaitAsync(TimeSpan.FromSeconds(10));

        await client.DisposeAsync();
        var read = await server!.Pipe.Input.ReadAsync();

        Assert.True(read.IsCompleted);
    }

    [Fact]
    public async Task Call_AfterListenerDisposed_FailsWithUnavailable()
    {
        var transport = new InMemoryTransport("closed");
        await transport.Listener.DisposeAsync();
        await using var client = new RpcClient(transport.EndPoint, connector: transport.Connector);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 2]));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("nothing listens on memory://closed", error.Detail, StringComparison.Ordinal);
    }
}

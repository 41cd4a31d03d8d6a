using Parley.Client;
using Parley.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Client;

/// <summary>Behaviour every transport must have; each transport runs it through a subclass below.</summary>
public abstract class CallKindsTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private RpcClient _client = null!;

    protected abstract TestTransport Transport { get; }

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(Transport);
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task InvokeAsync_Untyped_ReturnsNaturalValue()
    {
        var result = await _client.InvokeAsync("TestService", "Add", [1, 2]).DefaultTimeout();

        Assert.Equal(typeof(long), result?.GetType());
        Assert.Equal(3L, result);
    }

    [Fact]
    public async Task InvokeAsync_Typed_DecodesDeclaredType()
    {
        var record = new TestRecord(7, "seven", [1.5, 2.5]);

        var echoed = await _client.InvokeAsync<TestRecord>("TestService", "EchoRecord", [record]).DefaultTimeout();

        Assert.Equal(record.Id, echoed.Id);
        Assert.Equal(record.Name, echoed.Name);
        Assert.Equal(record.Values, echoed.Values);
    }

    [Fact]
    public async Task InvokeAsync_SynchronousHandler_ReturnsValue()
    {
        var product = await _client.InvokeAsync<int>("TestService", "Multiply", [6, 7]).DefaultTimeout();

        Assert.Equal(42, product);
    }

    [Fact]
    public async Task InvokeAsync_ValueTaskHandler_ReturnsValue()
    {
        var parts = await _client.InvokeAsync<string[]>("TestService", "Split", ["a,b,c", ","]).DefaultTimeout();

        Assert.Equal(["a", "b", "c"], parts);
    }

    [Fact]
    public async Task InvokeAsync_VoidHandler_ReturnsNull()
    {
        var result = await _client.InvokeAsync("TestService", "Nothing").DefaultTimeout();

        Assert.Null(result);
    }

    [Fact]
    public async Task Invoke_Blocking_ReturnsResult()
    {
        var sum = await Task.Run(() => _client.Invoke<int>("TestService", "Add", [20, 22])).DefaultTimeout();
        var untyped = await Task.Run(() => _client.Invoke("TestService", "Echo", ["hi"])).DefaultTimeout();

        Assert.Equal(42, sum);
        Assert.Equal("hi", untyped);
    }

    [Fact]
    public async Task GetDynamicService_MemberCall_InvokesMethod()
    {
        dynamic service = _client.GetDynamicService("TestService");

        object? sum = await service.Add(2, 3);
        object? echoed = await service.EchoAsync("dynamic");

        Assert.Equal(5L, sum);
        Assert.Equal("dynamic", echoed);
    }

    [Fact]
    public async Task SendOneWayAsync_Call_RunsHandlerWithoutResponse()
    {
        await _client.SendOneWayAsync("TestService", "Record", ["one-way value"]).DefaultTimeout();

        var recorded = await _server.Service.Recorded.Reader.ReadAsync().AsTask().DefaultTimeout();
        Assert.Equal("one-way value", recorded);
        Assert.Equal(0, _client.Statistics.PendingCalls);
    }

    [Fact]
    public async Task SendOneWay_Blocking_RunsHandler()
    {
        await Task.Run(() => _client.SendOneWay("TestService", "Record", ["blocking one-way"])).DefaultTimeout();

        Assert.Equal("blocking one-way", await _server.Service.Recorded.Reader.ReadAsync().AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task InvokeAsync_WithMetadata_HandlerSeesIt()
    {
        var options = new CallOptions { Metadata = new RpcMetadata().Add("tenant-id", "äcme") };

        var value = await _client.InvokeAsync<string>("TestService", "ReadMetadata", ["tenant-id"], options).DefaultTimeout();

        Assert.Equal("äcme", value);
    }

    [Fact]
    public async Task InvokeAsync_WithTimeout_HandlerSeesDeadline()
    {
        var options = new CallOptions { Timeout = TimeSpan.FromSeconds(20) };

        var remaining = await _client.InvokeAsync<double?>("TestService", "RemainingMilliseconds", [], options).DefaultTimeout();

        Assert.NotNull(remaining);
        Assert.InRange(remaining.Value, 1_000, 20_000);
    }

    [Fact]
    public async Task InvokeAsync_InfiniteTimeout_HandlerSeesNoDeadline()
    {
        var options = new CallOptions { Timeout = Timeout.InfiniteTimeSpan };

        var remaining = await _client.InvokeAsync<double?>("TestService", "RemainingMilliseconds", [], options).DefaultTimeout();

        Assert.Null(remaining);
    }

    [Fact]
    public async Task InvokeAsync_LargePayload_RoundTrips()
    {
        var text = new string('x', 1_000_000);

        var echoed = await _client.InvokeAsync<string>("TestService", "Echo", [text]).DefaultTimeout();

        Assert.Equal(text, echoed);
    }
}

public sealed class TcpCallKindsTests : CallKindsTests
{
    protected override TestTransport Transport => TestTransport.Tcp;
}

public sealed class InMemoryCallKindsTests : CallKindsTests
{
    protected override TestTransport Transport => TestTransport.InMemory;
}

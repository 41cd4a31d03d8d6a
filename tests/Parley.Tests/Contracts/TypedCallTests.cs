using System.Diagnostics;
using System.Net;
using Parley.Client;
using Parley.Codecs;
using Parley.Contracts;
using Parley.Server;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Contracts;

/// <summary>
/// Calls through the generated proxy of <see cref="ITypedTestService"/> to its generated dispatcher on a real TCP
/// server. Behaviour every codec must have: each codec runs the suite through a small subclass.
/// </summary>
public abstract class TypedCallTests : IAsyncLifetime
{
    private const string ServiceName = "TypedTestService";

    private RpcServer _server = null!;
    private RpcClient _client = null!;

    /// <summary>The codec every call of the suite uses.</summary>
    protected abstract RpcCodec Codec { get; }

    private TypedTestService Service { get; } = new();

    private ITypedTestService Proxy { get; set; } = null!;

    public async Task InitializeAsync()
    {
        _server = new RpcServerBuilder()
            .AddService<ITypedTestService>(Service)
            .Configure(ConfigureServer)
            .ListenTcp(IPAddress.Loopback, 0)
            .Build();
        await _server.StartAsync().DefaultTimeout();
        _client = new RpcClient(_server.EndPoints[0]);
        Proxy = _client.GetService<ITypedTestService>(new CallOptions { Codec = Codec });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.StopAsync(TimeSpan.Zero).DefaultTimeout();
        await _server.DisposeAsync();
    }

    /// <summary>Lets the server answer in <see cref="Codec"/>; a subclass may configure more.</summary>
    protected virtual void ConfigureServer(RpcServerOptions options)
    {
        if (!options.Codecs.Any(codec => codec.Id == Codec.Id))
        {
            options.Codecs.Add(Codec);
        }
    }

    [Fact]
    public async Task AddAsync_TaskOfInt_ReturnsSum()
    {
        var sum = await Proxy.AddAsync(2, 40).DefaultTimeout();

        Assert.Equal(42, sum);
    }

    [Fact]
    public async Task EchoAsync_TaskOfString_ReturnsSameText()
    {
        var echoed = await Proxy.EchoAsync("grüße, 世界").DefaultTimeout();

        Assert.Equal("grüße, 世界", echoed);
    }

    [Fact]
    public async Task EchoRecordAsync_Record_RoundTrips()
    {
        var record = new TestRecord(7, "seven", [1.5, 2.5]);

        var echoed = await Proxy.EchoRecordAsync(record).DefaultTimeout();

        Assert.Equal(record.Id, echoed.Id);
        Assert.Equal(record.Name, echoed.Name);
        Assert.Equal(record.Values, echoed.Values);
    }

    [Fact]
    public async Task SplitAsync_ValueTaskOfArray_ReturnsParts()
    {
        var parts = await Proxy.SplitAsync("a,b,c", ',').DefaultTimeout();

        Assert.Equal(["a", "b", "c"], parts);
    }

    [Fact]
    public async Task NothingAsync_TaskWithoutValue_Completes()
    {
        var call = Proxy.NothingAsync();

        await call.DefaultTimeout();

        Assert.True(call.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task TouchAsync_ValueTaskWithoutValue_RunsHandlerOnce()
    {
        await Proxy.TouchAsync().DefaultTimeout();

        Assert.Equal(1, Service.Touches);
    }

    [Fact]
    public async Task WhoAmIAsync_InheritedMethod_IsPartOfTheContract()
    {
        var name = await Proxy.WhoAmIAsync().DefaultTimeout();

        Assert.Equal(nameof(TypedTestService), name);
    }

    [Fact]
    public async Task GetVersionAsync_IdempotentMethod_ReturnsValueAndIsMarkedIdempotent()
    {
        var version = await Proxy.GetVersionAsync().DefaultTimeout();

        Assert.Equal(3, version);
        Assert.True(RpcContracts.TryGet<ITypedTestService>(out var contract));
        Assert.True(contract!.Descriptor.Methods.Single(m => m.Name == "GetVersion").IsIdempotent);
    }

    [Fact]
    public async Task RecordAsync_OneWay_ReachesHandler()
    {
        await Proxy.RecordAsync("one-way").DefaultTimeout();

        var recorded = await Service.Recorded.Reader.ReadAsync().AsTask().DefaultTimeout();
        Assert.Equal("one-way", recorded);
    }

    [Fact]
    public async Task DelayAsync_WithCancellationToken_ReturnsAfterDelay()
    {
        using var cancel = new CancellationTokenSource();

        var waited = await Proxy.DelayAsync(20, cancel.Token).DefaultTimeout();

        Assert.Equal(20, waited);
    }

    [Fact]
    public async Task SlowAsync_ContractTimeoutElapses_FailsWithDeadlineExceededAndCancelsHandler()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Proxy.SlowAsync("contract-timeout", -1, CancellationToken.None)).DefaultTimeout();

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await Service.Probe("contract-timeout").Cancelled.Task.DefaultTimeout();
    }

    [Fact]
    public async Task SlowAsync_CallerSetsTimeout_CallerTimeoutWinsOverContract()
    {
        var patient = _client.GetService<ITypedTestService>(new CallOptions { Codec = Codec, Timeout = TimeSpan.FromSeconds(10) });

        var waited = await patient.SlowAsync("caller-timeout", 500, CancellationToken.None).DefaultTimeout();

        Assert.Equal(500, waited);
    }

    [Fact]
    public async Task BlockAsync_CallerCancels_FailsWithCancelledAndHandlerTokenFires()
    {
        using var cancel = new CancellationTokenSource();
        var call = Proxy.BlockAsync("cancelled", cancel.Token);
        await Service.Probe("cancelled").Started.Task.DefaultTimeout();

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await Service.Probe("cancelled").Cancelled.Task.DefaultTimeout();
    }

    [Fact]
    public async Task FailWithAsync_HandlerThrowsRpcException_CallerGetsItsStatusAndMessage()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Proxy.FailWithAsync(StatusCode.NotFound, "no such order")).DefaultTimeout();

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("no such order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenamedAsync_CustomWireName_UntypedCallByThatNameGetsTheSameAnswer()
    {
        var options = new CallOptions { Codec = Codec };

        var typed = await Proxy.RenamedAsync("x").DefaultTimeout();
        var untyped = await _client.InvokeAsync<string>(ServiceName, "custom-name", ["x"], options).DefaultTimeout();
        var sum = await _client.InvokeAsync<int>(ServiceName, "Add", [20, 22], options).DefaultTimeout();

        Assert.Equal("renamed:x", typed);
        Assert.Equal(typed, untyped);
        Assert.Equal(42, sum);
    }

    [Fact]
    public async Task AddService_GeneratedContract_ServerRunsTheGeneratedDispatcher()
    {
        // Arrange: the generated code registered itself, and its invokers are compiled into the contract's assembly
        // (reflection-bound invokers live in Parley.dll).
        Assert.True(RpcContracts.TryGet<ITypedTestService>(out var contract));
        var definition = contract!.CreateDispatcher(Service);
        Assert.Equal(ServiceName, definition.Name);
        Assert.All(definition.Methods, method =>
            Assert.Same(typeof(ITypedTestService).Assembly, method.Invoker.Method.Module.Assembly));

        // Act
        await Proxy.EchoAsync("who called").DefaultTimeout();

        // Assert: the handler on the server was not reached through reflection.
        var frames = Service.LastEchoStack!.GetFrames();
        Assert.DoesNotContain(frames, frame => IsReflectionFrame(frame));
    }

    /// <summary>Whether a stack frame belongs to the reflection binder or to MethodInfo.Invoke.</summary>
    internal static bool IsReflectionFrame(StackFrame frame)
    {
        var type = frame.GetMethod()?.DeclaringType;
        while (type?.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type == typeof(ReflectionMethodBinder) || type?.Namespace == "System.Reflection";
    }
}

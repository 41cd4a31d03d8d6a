using System.Net;
using Parley.Client;
using Parley.Contracts;
using Parley.Server;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Contracts;

/// <summary>
/// The reflection path and generated code put the same contract on the wire: a generated proxy and untyped calls reach
/// an implementation bound by reflection, and both paths describe every method alike.
/// </summary>
public sealed class ReflectionInteropTests : IAsyncLifetime
{
    private readonly TypedTestService _service = new();
    private RpcServer _server = null!;
    private RpcClient _client = null!;

    public async Task InitializeAsync()
    {
        // AddService(Type, object) always binds by reflection, even for a contract with generated code; the generic
        // overload that CA2263 suggests would pick the generated dispatcher, which is what this class must avoid.
#pragma warning disable CA2263
        _server = new RpcServerBuilder()
            .AddService(typeof(ITypedTestService), _service)
#pragma warning restore CA2263
            .ListenTcp(IPAddress.Loopback, 0)
            .Build();
        await _server.StartAsync().DefaultTimeout();
        _client = new RpcClient(_server.EndPoints[0]);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.StopAsync(TimeSpan.Zero).DefaultTimeout();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task GeneratedProxy_ReflectionBoundServer_CallsEveryShape()
    {
        var proxy = _client.GetService<ITypedTestService>();

        var sum = await proxy.AddAsync(1, 2).DefaultTimeout();
        var parts = await proxy.SplitAsync("x-y", '-').DefaultTimeout();
        var renamed = await proxy.RenamedAsync("r").DefaultTimeout();
        var inherited = await proxy.WhoAmIAsync().DefaultTimeout();
        await proxy.TouchAsync().DefaultTimeout();
        await proxy.RecordAsync("sent").DefaultTimeout();
        var recorded = await _service.Recorded.Reader.ReadAsync().AsTask().DefaultTimeout();

        Assert.Equal(3, sum);
        Assert.Equal(["x", "y"], parts);
        Assert.Equal("renamed:r", renamed);
        Assert.Equal(nameof(TypedTestService), inherited);
        Assert.Equal(1, _service.Touches);
        Assert.Equal("sent", recorded);
    }

    [Fact]
    public async Task UntypedAndTypedCalls_ReflectionBoundServer_GetTheSameAnswers()
    {
        var proxy = _client.GetService<ITypedTestService>();

        var typed = await proxy.RenamedAsync("same").DefaultTimeout();
        var untyped = await _client.InvokeAsync("TypedTestService", "custom-name", ["same"]).DefaultTimeout();
        var untypedSum = await _client.InvokeAsync("TypedTestService", "Add", [4, 5]).DefaultTimeout();

        Assert.Equal(typed, untyped);
        Assert.Equal(9L, untypedSum);
    }

    [Fact]
    public async Task EchoAsync_ReflectionBoundServer_HandlerIsReachedThroughReflection()
    {
        // The counterpart of TypedCallTests' dispatcher check: the same stack test does see reflection here.
        var proxy = _client.GetService<ITypedTestService>();

        await proxy.EchoAsync("who called").DefaultTimeout();

        Assert.Contains(_service.LastEchoStack!.GetFrames(), frame => TypedCallTests.IsReflectionFrame(frame));
    }

    [Fact]
    public void GeneratedDescriptor_ComparedWithReflection_DescribesEveryMethodAlike()
    {
        Assert.True(RpcContracts.TryGet<ITypedTestService>(out var contract));

        var reflected = ReflectionServiceBinder.Bind(typeof(ITypedTestService), _service, null).Descriptor;

        var generated = contract!.Descriptor;
        Assert.Equal(reflected.Name, generated.Name);
        Assert.Equal(reflected.Methods.Select(m => m.Name).Order(), generated.Methods.Select(m => m.Name).Order());
        foreach (var method in generated.Methods)
        {
            var twin = reflected.Methods.Single(m => m.Name == method.Name);
            Assert.Equal(twin.ArgumentTypes, method.ArgumentTypes);
            Assert.Equal(twin.ResultType, method.ResultType);
            Assert.Equal(twin.IsOneWay, method.IsOneWay);
            Assert.Equal(twin.IsIdempotent, method.IsIdempotent);
            Assert.Equal(twin.Timeout, method.Timeout);
        }
    }
}

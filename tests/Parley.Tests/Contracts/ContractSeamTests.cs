using System.Net;
using Parley.Client;
using Parley.Contracts;
using Parley.Protocol;
using Parley.Server;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Contracts;

public sealed class ContractSeamTests
{
    [Fact]
    public void ReflectionBinder_ContractAttributes_AreInTheDescriptor()
    {
        var definition = ReflectionServiceBinder.Bind(typeof(IAttributed), new Attributed(), null);

        var notify = definition.Methods.Single(m => m.Descriptor.Name == "Notify").Descriptor;
        var read = definition.Methods.Single(m => m.Descriptor.Name == "Read").Descriptor;
        Assert.True(notify.IsOneWay);
        Assert.Null(notify.ResultType);
        Assert.True(read.IsIdempotent);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), read.Timeout);
        Assert.Equal(typeof(string), read.ResultType);
    }

    [Fact]
    public void ReflectionBinder_OneWayReturningValue_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ReflectionServiceBinder.Bind(typeof(IBadOneWay), new BadOneWay(), null));

        Assert.Contains("[OneWay] but returns a value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddService_HandWrittenDefinition_IsServed()
    {
        var descriptor = new RpcMethodDescriptor("Twice", [typeof(int)], typeof(int));
        var definition = new RpcServiceDefinition("Math", [
            new RpcMethodDefinition(descriptor, (arguments, _) => new ValueTask<object?>((int)arguments[0]! * 2)),
        ]);
        await using var server = new RpcServerBuilder().AddService(definition).ListenTcp(IPAddress.Loopback, 0).Build();
        await server.StartAsync();
        await using var client = new RpcClient(server.EndPoints[0]);

        var result = await client.InvokeAsync<int>("Math", "Twice", [21]).DefaultTimeout();

        Assert.Equal(42, result);
    }

    [Fact]
    public async Task RegisteredContract_ProxyAndDispatcher_AreUsedInsteadOfReflection()
    {
        // Arrange: register by hand what the source generator would emit for IEcho.
        var method = new RpcMethodDescriptor("Shout", [typeof(string)], typeof(string));
        var dispatched = 0;
        RpcContracts.Register<IEcho>(
            new RpcServiceDescriptor("Echo", [method]),
            (client, options) => new EchoProxy(client, options),
            implementation => new RpcServiceDefinition("Echo", [
                new RpcMethodDefinition(method, async (arguments, _) =>
                {
                    Interlocked.Increment(ref dispatched);
                    return await implementation.ShoutAsync((string)arguments[0]!);
                }),
            ]));
        await using var server = new RpcServerBuilder().AddService<IEcho>(new Echo()).ListenTcp(IPAddress.Loopback, 0).Build();
        await server.StartAsync();
        await using var client = new RpcClient(server.EndPoints[0]);

        // Act
        var echo = client.GetService<IEcho>();
        var shouted = await echo.ShoutAsync("hi").DefaultTimeout();

        // Assert
        Assert.IsType<EchoProxy>(echo);
        Assert.Equal("HI", shouted);
        Assert.Equal(1, dispatched);
    }

    [Fact]
    public void GetService_NoGeneratedProxy_ThrowsWithAdvice()
    {
        using var client = new RpcClient(new IPEndPoint(IPAddress.Loopback, 1));

        var error = Assert.Throws<InvalidOperationException>(() => client.GetService<INeverGenerated>());

        Assert.Contains("Parley.Generators", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_PreferredTimeOverridesFallbackTimeAndMetadataCombines()
    {
        var preferred = new CallOptions { Timeout = TimeSpan.FromSeconds(1), Metadata = new RpcMetadata().Add("a", "1") };
        var fallback = new CallOptions
        {
            Deadline = DateTimeOffset.UnixEpoch,
            Metadata = new RpcMetadata().Add("b", "2"),
            WaitForReady = true,
        };

        var merged = CallOptions.Merge(preferred, fallback)!;

        Assert.Equal(TimeSpan.FromSeconds(1), merged.Timeout);
        Assert.Null(merged.Deadline);
        Assert.Equal(["a", "b"], merged.Metadata!.Select(e => e.Key));
        Assert.True(merged.WaitForReady);
        Assert.Same(fallback, CallOptions.Merge(null, fallback));
    }

    public interface IAttributed
    {
        [OneWay]
        Task NotifyAsync(string text);

        [Idempotent]
        [RpcTimeout(1500)]
        Task<string> ReadAsync(int id);
    }

    private sealed class Attributed : IAttributed
    {
        public Task NotifyAsync(string text) => Task.CompletedTask;

        public Task<string> ReadAsync(int id) => Task.FromResult(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public interface IBadOneWay
    {
        [OneWay]
        Task<int> CountAsync();
    }

    private sealed class BadOneWay : IBadOneWay
    {
        public Task<int> CountAsync() => Task.FromResult(1);
    }

    public interface IEcho
    {
        Task<string> ShoutAsync(string text);
    }

    private sealed class Echo : IEcho
    {
        public Task<string> ShoutAsync(string text) => Task.FromResult(text.ToUpperInvariant());
    }

    private sealed class EchoProxy(RpcClient client, CallOptions? options) : IEcho
    {
        public Task<string> ShoutAsync(string text) => client.InvokeAsync<string>("Echo", "Shout", [text], options);
    }

    public interface INeverGenerated
    {
        Task PingAsync();
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Client;
using Parley.Configuration;
using Parley.Hosting;
using Parley.Server;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Hosting;

public sealed class ServerHostingTests
{
    [Fact]
    public async Task AddParleyServer_RealHost_ServesCallsOverTcpUntilStopped()
    {
        var builder = TestHost.CreateBuilder();
        builder.Services.AddParleyServer(server => server
            .AddService<ITestService, TestService>()
            .ListenTcp(IPAddress.Loopback, 0));
        await using var host = await TestHost.StartAsync(builder);
        await using var client = new RpcClient(host.Server.EndPoints[0]);

        var sum = await client.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout();
        await host.StopAsync();
        var afterStop = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync<int>("TestService", "Add", [1, 2])).DefaultTimeout();

        Assert.Equal(3, sum);
        Assert.Equal(StatusCode.Unavailable, afterStop.StatusCode);
        Assert.Equal(IPAddress.Loopback, ((IPEndPoint)host.Server.EndPoints[0]).Address);
    }

    [Fact]
    public async Task AddParleyServer_HostLoggerFactory_ReceivesTheServersLogs()
    {
        var builder = TestHost.CreateBuilder();
        builder.Services.AddParleyServer(server => server.AddService<ITestService, TestService>().ListenTcp(IPAddress.Loopback, 0));

        await using var host = await TestHost.StartAsync(builder);

        Assert.Contains(host.Logs.Entries, e => e.Category == "Parley.Server" && e.Message.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddParleyServer_CalledTwice_OneServerOneHostedServiceAndBothStepsApplied()
    {
        var builder = TestHost.CreateBuilder();
        var first = builder.Services.AddParleyServer(server => server.AddService<ITestService, TestService>());
        var second = builder.Services.AddParleyServer(server => server.ListenTcp(IPAddress.Loopback, 0));
        second.Configure(server => server.Configure(options => options.IncludeExceptionDetails = true));

        await using var host = await TestHost.StartAsync(builder);
        await using var client = new RpcClient(host.Server.EndPoints[0]);
        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Throw", ["boom"])).DefaultTimeout();

        Assert.Single(builder.Services, d => d.ServiceType == typeof(RpcServer));
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<ParleyServerHostedService>());
        Assert.Same(first.Services, second.Services);
        Assert.Contains("System.InvalidOperationException: boom", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddService_ImplementationRegistered_ServesTheRegisteredInstance()
    {
        var registered = new TestService();
        var builder = TestHost.CreateBuilder();
        builder.Services.AddSingleton(registered);
        builder.Services.AddParleyServer(server => server.AddService<ITestService, TestService>().ListenTcp(IPAddress.Loopback, 0));
        await using var host = await TestHost.StartAsync(builder);
        await using var client = new RpcClient(host.Server.EndPoints[0]);

        await client.SendOneWayAsync("TestService", "Record", ["reached"]).DefaultTimeout();

        Assert.Equal("reached", await registered.Recorded.Reader.ReadAsync().DefaultTimeout());
    }

    [Fact]
    public async Task AddService_ImplementationNotRegistered_IsCreatedWithItsDependencies()
    {
        var builder = TestHost.CreateBuilder();
        builder.Services.AddSingleton(new Greeting("Hello"));
        builder.Services.AddParleyServer(server => server.AddService<IGreeter, Greeter>().ListenTcp(IPAddress.Loopback, 0));
        await using var host = await TestHost.StartAsync(builder);
        await using var client = new RpcClient(host.Server.EndPoints[0]);

        var greeting = await client.InvokeAsync<string>("Greeter", "Greet", ["Ada"]).DefaultTimeout();

        Assert.Equal("Hello, Ada", greeting);
    }

    [Fact]
    public void AddService_BuilderOutsideAContainer_ThrowsWithAdvice()
    {
        var builder = new RpcServerBuilder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddService<ITestService, TestService>());

        Assert.Contains("AddParleyServer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_CallInFlight_FinishesBeforeTheHostStops()
    {
        var service = new TestService();
        var builder = TestHost.CreateBuilder();
        builder.Services.AddSingleton(service);
        builder.Services.AddParleyServer(server => server.AddService<ITestService, TestService>().ListenTcp(IPAddress.Loopback, 0));
        await using var host = await TestHost.StartAsync(builder);
        await using var client = new RpcClient(host.Server.EndPoints[0]);
        var call = client.InvokeAsync<int>("TestService", "Delay", [300]);
        await TaskTimeouts.WaitUntilAsync(() => host.Server.Statistics.ActiveCalls == 1, "the call is running");

        await host.StopAsync();

        // Without the drain the call would have failed UNAVAILABLE when its connection closed.
        Assert.Equal(300, await call.DefaultTimeout());
    }

    [Fact]
    public async Task StopAsync_HostShutdownTimeoutShorterThanDrain_CancelsTheCallsStillRunning()
    {
        var service = new TestService();
        var builder = TestHost.CreateBuilder(new() { ["Parley:Server:DrainTimeout"] = "00:01:00" });
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMilliseconds(300));
        builder.Services.AddSingleton(service);
        builder.Services.AddParleyServer(builder.Configuration, server => server
            .AddService<ITestService, TestService>()
            .ListenTcp(IPAddress.Loopback, 0));
        await using var host = await TestHost.StartAsync(builder);
        await using var client = new RpcClient(host.Server.EndPoints[0]);
        var call = client.InvokeAsync("TestService", "Block", ["outlasts-shutdown"]);
        await service.Probe("outlasts-shutdown").Started.Task.DefaultTimeout();

        await host.StopAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        await service.Probe("outlasts-shutdown").Cancelled.Task.DefaultTimeout();
    }

    [Fact]
    public async Task AddParleyServer_Configuration_BindsAfterTheCodeStep()
    {
        var builder = TestHost.CreateBuilder(new() { ["Parley:Server:IncludeExceptionDetails"] = "true" });
        builder.Services.AddParleyServer(builder.Configuration, server => server
            .AddService<ITestService, TestService>()
            .ListenTcp(IPAddress.Loopback, 0)
            .Configure(options => options.IncludeExceptionDetails = false));
        await using var host = await TestHost.StartAsync(builder);
        await using var client = new RpcClient(host.Server.EndPoints[0]);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Throw", ["boom"])).DefaultTimeout();

        Assert.Contains("System.InvalidOperationException: boom", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddParleyServer_PresetFromConfigurationAndMaxConnections_AreEnforced()
    {
        var builder = TestHost.CreateBuilder(new() { ["Parley:Server:Preset"] = "Development", ["Parley:Server:MaxConnections"] = "1" });
        builder.Services.AddParleyServer(builder.Configuration, server => server
            .AddService<ITestService, TestService>()
            .ListenTcp(IPAddress.Loopback, 0));
        await using var host = await TestHost.StartAsync(builder);
        await using var first = new RpcClient(host.Server.EndPoints[0]);
        await using var second = new RpcClient(host.Server.EndPoints[0]);

        var details = await Assert.ThrowsAsync<RpcException>(() => first.InvokeAsync("TestService", "Throw", ["boom"])).DefaultTimeout();
        var refused = await Assert.ThrowsAsync<RpcException>(() => second.InvokeAsync("TestService", "Add", [1, 2])).DefaultTimeout();

        Assert.Contains("System.InvalidOperationException: boom", details.Detail, StringComparison.Ordinal);
        Assert.Contains("limit of 1 connections", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddParleyServer_CustomSectionName_IsRead()
    {
        var builder = TestHost.CreateBuilder(new() { ["Services:Rpc:IncludeExceptionDetails"] = "true" });
        builder.Services.AddParleyServer(builder.Configuration, "Services:Rpc", server => server
            .AddService<ITestService, TestService>()
            .ListenTcp(IPAddress.Loopback, 0));
        await using var host = await TestHost.StartAsync(builder);
        await using var client = new RpcClient(host.Server.EndPoints[0]);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Throw", ["boom"])).DefaultTimeout();

        Assert.Contains("System.InvalidOperationException: boom", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_InvalidConfigurationValue_FailsTheHostNamingTheKey()
    {
        var builder = TestHost.CreateBuilder(new() { ["Parley:Server:KeepAliveInterval"] = "often" });
        builder.Services.AddParleyServer(builder.Configuration, server => server
            .AddService<ITestService, TestService>()
            .ListenTcp(IPAddress.Loopback, 0));

        var error = await Assert.ThrowsAsync<RpcConfigurationException>(() => TestHost.StartAsync(builder)).DefaultTimeout();

        Assert.Equal("Parley:Server:KeepAliveInterval", error.Key);
        Assert.Contains("PARLEY_SERVER__KEEPALIVEINTERVAL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_ServerBuiltByTheContainer_IsDisposedWithIt()
    {
        var services = new ServiceCollection();
        services.AddParleyServer(server => server.AddService<ITestService, TestService>().ListenTcp(IPAddress.Loopback, 0));
        var provider = services.BuildServiceProvider();
        var server = provider.GetRequiredService<RpcServer>();
        await server.StartAsync().DefaultTimeout();
        var endPoint = server.EndPoints[0];

        await provider.DisposeAsync().DefaultTimeout();

        await using var client = new RpcClient(endPoint);
        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 2])).DefaultTimeout();
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    public interface IGreeter
    {
        Task<string> GreetAsync(string name);
    }

    public sealed record Greeting(string Word);

    private sealed class Greeter(Greeting greeting) : IGreeter
    {
        public Task<string> GreetAsync(string name) => Task.FromResult($"{greeting.Word}, {name}");
    }
}

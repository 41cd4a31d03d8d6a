using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Client;
using Parley.Client.Middleware;
using Parley.Configuration;
using Parley.Server;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Hosting;

public sealed class ClientHostingTests : IAsyncLifetime
{
    private RpcServer _server = null!;

    private string Address => $"tcp://{_server.EndPoints[0]}";

    public async Task InitializeAsync()
    {
        HostedEcho.Register();
        _server = new RpcServerBuilder()
            .AddService<IHostedEcho>(new HostedEcho())
            .AddService<ITestService>(new TestService())
            .ListenTcp(IPAddress.Loopback, 0)
            .Build();
        await _server.StartAsync().DefaultTimeout();
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync(TimeSpan.Zero).DefaultTimeout();
        await _server.DisposeAsync().DefaultTimeout();
    }

    [Fact]
    public async Task AddParleyClient_TypedContract_ResolvesAProxyThatCallsTheServer()
    {
        var services = new ServiceCollection();
        services.AddParleyClient<IHostedEcho>(Address);
        await using var provider = services.BuildServiceProvider();

        var echo = provider.GetRequiredService<IHostedEcho>();
        var shouted = await echo.ShoutAsync("hi").DefaultTimeout();

        Assert.Equal("HI", shouted);
        Assert.Same(echo, provider.GetRequiredKeyedService<IHostedEcho>(Address));
        Assert.Equal(1, provider.GetRequiredKeyedService<RpcClient>(Address).Statistics.ConnectionsOpened);
    }

    [Fact]
    public async Task AddParleyClient_RegistryAddress_FindsInstancesInTheRegistryFromTheContainer()
    {
        var registry = new Parley.Discovery.InMemoryRegistry();
        await _server.RegisterAsync(registry, "echo", "only");
        var services = new ServiceCollection();
        services.AddSingleton<Parley.Discovery.IServiceRegistry>(registry);
        services.AddParleyClient<IHostedEcho>("registry://echo");
        await using var provider = services.BuildServiceProvider();

        var shouted = await provider.GetRequiredService<IHostedEcho>().ShoutAsync("hi").DefaultTimeout();

        Assert.Equal("HI", shouted);
        Assert.Equal("only", Assert.Single(provider.GetRequiredKeyedService<RpcClient>("registry://echo").Cluster!.Instances).Id);
    }

    [Fact]
    public async Task AddParleyClient_CalledTwice_OneClientOneProxyAndBothStepsApplied()
    {
        var first = 0;
        var second = 0;
        var services = new ServiceCollection();
        services.AddParleyClient<IHostedEcho>(Address, options => options.Use(next => context =>
        {
            Interlocked.Increment(ref first);
            return next(context);
        }));
        services.AddParleyClient<IHostedEcho>(Address, options => options.Use(next => context =>
        {
            Interlocked.Increment(ref second);
            return next(context);
        }));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IHostedEcho>().ShoutAsync("once").DefaultTimeout();

        Assert.Single(services, d => d.ServiceType == typeof(RpcClient) && Equals(d.ServiceKey, Address));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedEcho) && !d.IsKeyedService);
        Assert.Equal((1, 1), (first, second));
    }

    [Fact]
    public async Task AddParleyClient_NamedClient_ServesUntypedCalls()
    {
        var services = new ServiceCollection();
        services.AddParleyClient("calculator", Address);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredKeyedService<RpcClient>("calculator");
        var sum = await client.InvokeAsync<int>("TestService", "Add", [20, 22]).DefaultTimeout();

        Assert.Equal(42, sum);
        Assert.Same(client, provider.GetRequiredKeyedService<RpcClient>("calculator"));
    }

    [Fact]
    public async Task AddParleyClient_NamedClientWithTypedService_ProxyUsesThatClient()
    {
        var services = new ServiceCollection();
        services.AddParleyClient("echo", Address).AddService<IHostedEcho>();
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IHostedEcho>("echo").ShoutAsync("x").DefaultTimeout();

        Assert.Equal(1, provider.GetRequiredKeyedService<RpcClient>("echo").Statistics.ConnectionsOpened);
    }

    [Fact]
    public void AddParleyClient_SameNameAnotherAddress_Throws()
    {
        var services = new ServiceCollection();
        services.AddParleyClient("calculator", "tcp://127.0.0.1:5050");

        var error = Assert.Throws<InvalidOperationException>(() => services.AddParleyClient("calculator", "tcp://127.0.0.1:5051"));

        Assert.Contains("already registered for tcp://127.0.0.1:5050", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddParleyClient_NotAParleyAddress_ThrowsWhenRegistering()
    {
        var services = new ServiceCollection();

        Assert.Throws<FormatException>(() => services.AddParleyClient<IHostedEcho>("http://127.0.0.1:5050"));
    }

    [Fact]
    public async Task DisposeAsync_Container_DisposesTheClient()
    {
        var services = new ServiceCollection();
        services.AddParleyClient("calculator", Address);
        var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<RpcClient>("calculator");
        await client.ConnectAsync().DefaultTimeout();

        await provider.DisposeAsync().DefaultTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 2])).DefaultTimeout();
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Contains("disposed", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddParleyClient_FromConfiguration_UsesTheAddressAndOptions()
    {
        var builder = TestHost.CreateBuilder(new()
        {
            ["Parley:Client:Address"] = Address,
            ["Parley:Client:DefaultTimeout"] = "00:00:00.200",
        });
        builder.Services.AddParleyClient<IHostedEcho>(builder.Configuration);
        await using var host = await TestHost.StartAsync(builder);
        var client = host.Services.GetRequiredKeyedService<RpcClient>(ParleyConfiguration.ClientSection);

        var shouted = await host.Services.GetRequiredService<IHostedEcho>().ShoutAsync("configured").DefaultTimeout();
        var slow = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Delay", [5000])).DefaultTimeout();

        Assert.Equal("CONFIGURED", shouted);
        Assert.Equal(StatusCode.DeadlineExceeded, slow.StatusCode);
    }

    [Fact]
    public async Task StartAsync_ClientSectionWithoutAddress_FailsTheHostNamingTheKey()
    {
        var builder = TestHost.CreateBuilder(new() { ["Parley:Client:DefaultTimeout"] = "00:00:05" });
        builder.Services.AddParleyClient<IHostedEcho>(builder.Configuration);

        var error = await Assert.ThrowsAsync<RpcConfigurationException>(() => TestHost.StartAsync(builder)).DefaultTimeout();

        Assert.Equal("Parley:Client:Address", error.Key);
        Assert.Contains("PARLEY_CLIENT__ADDRESS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ClientSectionWithInvalidOption_FailsTheHostNamingTheKey()
    {
        var builder = TestHost.CreateBuilder(new()
        {
            ["Billing:Address"] = Address,
            ["Billing:MaxPendingCalls"] = "0",
        });
        builder.Services.AddParleyClient("billing", builder.Configuration, "Billing");

        var error = await Assert.ThrowsAsync<RpcConfigurationException>(() => TestHost.StartAsync(builder)).DefaultTimeout();

        Assert.Equal("Billing:MaxPendingCalls", error.Key);
    }

    [Fact]
    public async Task AddParleyClient_InHost_LogsThroughTheHostLoggerFactory()
    {
        var builder = TestHost.CreateBuilder();
        builder.Services.AddParleyClient("calculator", Address, options => options.UseLogging(LogLevel.Information));
        await using var host = await TestHost.StartAsync(builder);

        await host.Services.GetRequiredKeyedService<RpcClient>("calculator").InvokeAsync("TestService", "Add", [1, 2]).DefaultTimeout();

        Assert.Contains(host.Logs.Entries, e => e.Category == "Parley.Client.Calls" && e.Message.Contains("TestService.Add", StringComparison.Ordinal));
    }
}

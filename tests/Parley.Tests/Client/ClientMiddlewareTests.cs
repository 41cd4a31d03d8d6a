using System.Diagnostics.Metrics;
using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Parley.Client;
using Parley.Client.Middleware;
using Parley.Protocol;
using Parley.Server.Middleware;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Client;

public sealed class ClientMiddlewareTests
{
    [Fact]
    public async Task Use_MiddlewareAddsMetadata_ServerSeesIt()
    {
        await using var server = await TestServer.StartAsync();
        var trace = new List<string>();
        await using var client = server.CreateClient(o => o
            .Use(next => async context =>
            {
                trace.Add("first");
                context.Options = CallOptions.Merge(new CallOptions { Metadata = new RpcMetadata().Add("trace-id", "t-42") }, context.Options);
                return await next(context);
            })
            .Use(next => context =>
            {
                trace.Add($"second sees {context.Options!.Metadata!.Get("trace-id")}");
                return next(context);
            }));

        var seen = await client.InvokeAsync<string>("TestService", "ReadMetadata", ["trace-id"]).DefaultTimeout();

        Assert.Equal("t-42", seen);
        Assert.Equal(["first", "second sees t-42"], trace);
    }

    [Fact]
    public async Task Use_MiddlewareAnswersItself_ServerIsNotCalled()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient(o => o.Use(next => context =>
            context.Method == "Add" ? Task.FromResult<object?>(99) : next(context)));

        var cached = await client.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout();
        var real = await client.InvokeAsync<int>("TestService", "Multiply", [2, 3]).DefaultTimeout();

        Assert.Equal(99, cached);
        Assert.Equal(6, real);
        // Only Multiply reached the server (its bookkeeping ends just after the response is sent).
        await TaskTimeouts.WaitUntilAsync(() => server.Server.Statistics.CallsCompleted >= 1, "the server finished the real call");
        Assert.Equal(1, server.Server.Statistics.CallsCompleted);
    }

    [Fact]
    public async Task Use_OneWayCall_GoesThroughThePipeline()
    {
        await using var server = await TestServer.StartAsync();
        var oneWay = false;
        await using var client = server.CreateClient(o => o.Use(next => context =>
        {
            oneWay = context.IsOneWay;
            return next(context);
        }));

        await client.SendOneWayAsync("TestService", "Record", ["through the pipeline"]).DefaultTimeout();

        Assert.Equal("through the pipeline", await server.Service.Recorded.Reader.ReadAsync().AsTask().DefaultTimeout());
        Assert.True(oneWay);
    }

    [Fact]
    public async Task UseBearerToken_WithServerAuthentication_CallIsAuthenticated()
    {
        var service = new TestService();
        var builder = new Parley.Server.RpcServerBuilder()
            .AddService<ITestService>(service)
            .ListenTcp(System.Net.IPAddress.Loopback, 0)
            .UseAuthentication(o => o.Authenticate = (token, _) => ValueTask.FromResult(token == "s3cret"
                ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "svc")], "token"))
                : null));
        await using var server = builder.Build();
        await server.StartAsync().DefaultTimeout();
        await using var good = new RpcClient(server.EndPoints[0], new RpcClientOptions().UseBearerToken(_ => ValueTask.FromResult("s3cret")));
        await using var bad = new RpcClient(server.EndPoints[0], new RpcClientOptions().UseBearerToken(_ => ValueTask.FromResult("guess")));

        var sum = await good.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout();
        var error = await Assert.ThrowsAsync<RpcException>(() => bad.InvokeAsync("TestService", "Add", [1, 2])).DefaultTimeout();

        Assert.Equal(3, sum);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task UseMetricsAndLogging_Calls_AreRecorded()
    {
        await using var server = await TestServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var client = server.CreateClient(o =>
        {
            o.LoggerFactory = logs;
            o.UseLogging(LogLevel.Information).UseMetrics();
        });
        var statuses = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, client.Meter) && instrument.Name == "parley.client.calls")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "rpc.parley.status_code")
                {
                    lock (statuses)
                    {
                        statuses.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();

        await client.InvokeAsync("TestService", "Add", [1, 2]).DefaultTimeout();
        await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("Nope", "Nope")).DefaultTimeout();

        lock (statuses)
        {
            Assert.Equal(["OK", "UNIMPLEMENTED"], statuses);
        }

        Assert.Contains(logs.Entries, e => e.Category == "Parley.Client.Calls" && e.Level == LogLevel.Information
            && e.Message.Contains("TestService.Add", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Category == "Parley.Client.Calls" && e.Level == LogLevel.Warning
            && e.Message.Contains("Unimplemented", StringComparison.Ordinal));
    }
}

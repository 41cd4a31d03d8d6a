using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Parley.Client;
using Parley.Protocol;
using Parley.Server;
using Parley.Server.Middleware;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Server;

public sealed class MiddlewareTests
{
    [Fact]
    public async Task Use_SeveralMiddleware_RunInOrderAroundTheHandler()
    {
        var trace = new List<string>();
        await using var server = await StartAsync(builder => builder
            .Use(next => async context =>
            {
                lock (trace) { trace.Add("outer before"); }
                await next(context);
                lock (trace) { trace.Add($"outer after, result {context.Result}"); }
            })
            .Use(next => async context =>
            {
                lock (trace) { trace.Add($"inner before, arguments {(context.Arguments is null ? "not decoded" : "decoded")}"); }
                await next(context);
                lock (trace) { trace.Add($"inner after, arguments {context.Arguments!.Length}"); }
            }));
        await using var client = new RpcClient(server.EndPoints[0]);

        var sum = await client.InvokeAsync<int>("TestService", "Add", [2, 3]).DefaultTimeout();

        Assert.Equal(5, sum);
        Assert.Equal(["outer before", "inner before, arguments not decoded", "inner after, arguments 2", "outer after, result 5"], trace);
    }

    [Fact]
    public async Task Use_MiddlewareReplacesResult_CallerGetsIt()
    {
        await using var server = await StartAsync(builder => builder.Use(next => async context =>
        {
            await next(context);
            context.Result = (int)context.Result! * 10;
        }));
        await using var client = new RpcClient(server.EndPoints[0]);

        Assert.Equal(50, await client.InvokeAsync<int>("TestService", "Add", [2, 3]).DefaultTimeout());
    }

    [Fact]
    public async Task Use_MiddlewareShortCircuits_HandlerNeverRuns()
    {
        var service = new TestService();
        await using var server = await StartAsync(
            builder => builder.Use(_ => _ => throw new RpcException(StatusCode.FailedPrecondition, "closed for maintenance")),
            service);
        await using var client = new RpcClient(server.EndPoints[0]);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Record", ["x"])).DefaultTimeout();

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("closed for maintenance", error.Detail);
        Assert.False(service.Recorded.Reader.TryRead(out _));
    }

    [Fact]
    public async Task UseExceptionRecovery_MappedException_BecomesItsStatus()
    {
        await using var server = await StartAsync(builder => builder.UseExceptionRecovery(o => o.Map<FormatException>(StatusCode.OutOfRange)));
        await using var client = new RpcClient(server.EndPoints[0]);

        // TestService.Throw throws InvalidOperationException, mapped by default to FAILED_PRECONDITION.
        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Throw", ["state is wrong"])).DefaultTimeout();

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("state is wrong", error.Detail);
    }

    [Fact]
    public async Task UseExceptionRecovery_UnmappedException_BecomesInternalWithSafeDetailAndIsLogged()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await StartAsync(
            builder => builder.UseExceptionRecovery(o => o.Clear()).Configure(o => o.LoggerFactory = logs));
        await using var client = new RpcClient(server.EndPoints[0]);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Throw", ["secret internals"])).DefaultTimeout();

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("an internal error occurred", error.Detail);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 310 && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task UseAuthentication_NoToken_FailsUnauthenticatedBeforeTheHandler()
    {
        var service = new TestService();
        await using var server = await StartAsync(builder => builder.UseAuthentication(Tokens), service);
        await using var client = new RpcClient(server.EndPoints[0]);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Record", ["x"])).DefaultTimeout();

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.False(service.Recorded.Reader.TryRead(out _));
    }

    [Fact]
    public async Task UseAuthentication_WrongToken_FailsUnauthenticated()
    {
        await using var server = await StartAsync(builder => builder.UseAuthentication(Tokens));
        await using var client = new RpcClient(server.EndPoints[0]);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 2], WithToken("nope"))).DefaultTimeout();

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task UseAuthentication_AuthenticatedButNotAllowed_FailsPermissionDenied()
    {
        var service = new TestService();
        await using var server = await StartAsync(builder => builder.UseAuthentication(Tokens), service);
        await using var client = new RpcClient(server.EndPoints[0]);

        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.InvokeAsync("TestService", "Record", ["x"], WithToken("Bearer reader-token"))).DefaultTimeout();

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("reader may not call TestService.Record", error.Detail, StringComparison.Ordinal);
        Assert.False(service.Recorded.Reader.TryRead(out _));
    }

    [Fact]
    public async Task UseAuthentication_ValidToken_HandlerSeesTheUser()
    {
        await using var server = await StartAsync(builder => builder
            .UseAuthentication(Tokens)
            .Use(next => async context =>
            {
                await next(context);
                context.Result = $"{context.Result} as {context.User!.Identity!.Name}";
            }));
        await using var client = new RpcClient(server.EndPoints[0]);

        var echoed = await client.InvokeAsync<string>("TestService", "Echo", ["hi"], WithToken("Bearer reader-token")).DefaultTimeout();

        Assert.Equal("hi as reader", echoed);
    }

    [Fact]
    public async Task UseAuthentication_AnonymousMethod_NeedsNoToken()
    {
        await using var server = await StartAsync(builder => builder.UseAuthentication(o =>
        {
            Tokens(o);
            o.AllowAnonymous = context => context.Method == "Add";
        }));
        await using var client = new RpcClient(server.EndPoints[0]);

        Assert.Equal(3, await client.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout());
    }

    [Fact]
    public async Task UseRateLimiting_PerMethodLimitExceeded_FailsResourceExhaustedWithRetryAfter()
    {
        await using var server = await StartAsync(builder => builder.UseRateLimiting(o => o.LimitEachMethod(permitsPerSecond: 1, burst: 2)));
        await using var client = new RpcClient(server.EndPoints[0]);
        await client.InvokeAsync("TestService", "Add", [1, 1]).DefaultTimeout();
        await client.InvokeAsync("TestService", "Add", [1, 1]).DefaultTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 1])).DefaultTimeout();
        var otherMethod = await client.InvokeAsync<int>("TestService", "Multiply", [2, 2]).DefaultTimeout();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("rate limit exceeded (per method) for TestService.Add; retry after", error.Detail, StringComparison.Ordinal);
        Assert.InRange(long.Parse(error.Trailers!.Get(RateLimitingMiddleware.RetryAfterKey)!, System.Globalization.CultureInfo.InvariantCulture), 1, 1000);
        Assert.Equal(4, otherMethod);
    }

    [Fact]
    public async Task UseRateLimiting_PerClientLimit_CountsEachClientSeparately()
    {
        await using var server = await StartAsync(builder => builder.UseRateLimiting(o => o.LimitEachClient(permitsPerSecond: 1, burst: 1)));
        await using var client = new RpcClient(server.EndPoints[0]);
        var alice = new CallOptions { Metadata = new RpcMetadata().Add("client-id", "alice") };
        var bob = new CallOptions { Metadata = new RpcMetadata().Add("client-id", "bob") };
        await client.InvokeAsync("TestService", "Add", [1, 1], alice).DefaultTimeout();

        var aliceAgain = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 1], alice)).DefaultTimeout();
        var bobFirst = await client.InvokeAsync<int>("TestService", "Add", [1, 1], bob).DefaultTimeout();

        Assert.Equal(StatusCode.ResourceExhausted, aliceAgain.StatusCode);
        Assert.Equal(2, bobFirst);
    }

    [Fact]
    public async Task UseLogging_Calls_AreLoggedWithStatus()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await StartAsync(builder => builder.UseLogging().Configure(o => o.LoggerFactory = logs));
        await using var client = new RpcClient(server.EndPoints[0]);

        await client.InvokeAsync("TestService", "Add", [1, 2]).DefaultTimeout();
        await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "FailWith", [StatusCode.NotFound, "gone"])).DefaultTimeout();

        var calls = logs.Entries.Where(e => e.Category == "Parley.Server.Calls").ToList();
        Assert.Contains(calls, e => e.Level == LogLevel.Information && e.Message.StartsWith("Call TestService.Add from", StringComparison.Ordinal)
            && e.Message.Contains("ended Ok", StringComparison.Ordinal));
        Assert.Contains(calls, e => e.Level == LogLevel.Warning && e.Message.Contains("ended NotFound", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseMetrics_Calls_AreCountedByStatusAndTimed()
    {
        await using var server = await StartAsync(builder => builder.UseMetrics());
        await using var client = new RpcClient(server.EndPoints[0]);
        var measurements = new List<(string Instrument, double Value, string? Status, string? Method)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, server.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? status = null, method = null;
            foreach (var tag in tags)
            {
                status = tag.Key == "rpc.parley.status_code" ? (string?)tag.Value : status;
                method = tag.Key == "rpc.method" ? (string?)tag.Value : method;
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, value, status, method));
            }
        }

        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        await client.InvokeAsync("TestService", "Add", [1, 2]).DefaultTimeout();
        await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Throw", ["x"])).DefaultTimeout();

        lock (measurements)
        {
            Assert.Contains(measurements, m => m is { Instrument: "parley.server.calls", Value: 1, Status: "OK", Method: "Add" });
            Assert.Contains(measurements, m => m is { Instrument: "parley.server.calls", Value: 1, Status: "INTERNAL", Method: "Throw" });
            Assert.Contains(measurements, m => m.Instrument == "rpc.server.call.duration" && m.Method == "Add" && m.Value > 0);
        }
    }

    private static void Tokens(AuthenticationOptions options)
    {
        options.Authenticate = (token, _) => ValueTask.FromResult(token switch
        {
            "admin-token" => new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], "token")),
            "reader-token" => new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "reader")], "token")),
            _ => null,
        });
        options.Authorize = (user, context) => ValueTask.FromResult(user.Identity!.Name == "admin" || context.Method != "Record");
    }

    private static CallOptions WithToken(string token) => new() { Metadata = new RpcMetadata().Add("authorization", token) };

    private static async Task<RpcServer> StartAsync(Func<RpcServerBuilder, RpcServerBuilder> configure, TestService? service = null)
    {
        var builder = new RpcServerBuilder().AddService<ITestService>(service ?? new TestService()).ListenTcp(IPAddress.Loopback, 0);
        var server = configure(builder).Build();
        await server.StartAsync().DefaultTimeout();
        return server;
    }
}

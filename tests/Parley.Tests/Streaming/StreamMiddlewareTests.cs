using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Parley.Client;
using Parley.Client.Middleware;
using Parley.Contracts;
using Parley.Protocol;
using Parley.Server;
using Parley.Server.Middleware;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Streaming;

/// <summary>Client and server middleware see a streaming call as one call, from its start to its status.</summary>
public sealed class StreamMiddlewareTests
{
    private const string Service = "StreamTestService";

    [Fact]
    public async Task ClientMiddleware_AddsMetadataAndSeesTheWholeCall()
    {
        await using var server = await TestServer.StartAsync();
        var seen = new ConcurrentQueue<string>();
        await using var client = server.CreateClient(o => o.Use(next => async context =>
        {
            seen.Enqueue($"{context.Kind} {context.ResultType?.Name}");
            context.Options = CallOptions.Merge(new CallOptions { Metadata = new RpcMetadata().Add("x-tenant", "green") }, context.Options);
            try
            {
                var result = await next(context);
                seen.Enqueue("completed");
                return result;
            }
            catch (RpcException ex)
            {
                seen.Enqueue("failed " + ex.StatusCode);
                throw;
            }
        }));

        var values = await client.ServerStreamAsync<string>(Service, "EchoMetadata", ["x-tenant"]).WithTimeout().ToListAsync();
        await Assert.ThrowsAsync<RpcException>(async () =>
            await client.ServerStreamAsync<int>(Service, "FailAfter", [1, StatusCode.NotFound, "no"]).WithTimeout().ToListAsync());
        var sum = await client.ClientStreamAsync<int, long>(Service, "Sum", StreamSources.Range(1, 3)).DefaultTimeout();

        Assert.Equal("green", values[0]);
        Assert.Equal(6, sum);
        // A call's end reaches the middleware when its RESPONSE arrives, which may be after the next call has started.
        await TaskTimeouts.WaitUntilAsync(() => seen.Count == 6, "the middleware saw three calls end");
        Assert.Equal(
            ["ClientStreaming Int64", "ServerStreaming Int32", "ServerStreaming String", "completed", "completed", "failed NotFound"],
            seen.Order(StringComparer.Ordinal));
        Assert.Equal("ServerStreaming String", seen.First());
    }

    [Fact]
    public async Task ClientMiddleware_FailingBeforeTheCall_FailsTheStream()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient(o => o.Use(_ => _ =>
            throw new RpcException(StatusCode.PermissionDenied, "not from this client")));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.ServerStreamAsync<int>(Service, "Count", [3]).WithTimeout().ToListAsync());

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(0, server.Server.Statistics.CallsCompleted);
    }

    [Fact]
    public async Task ClientMiddleware_CallingNextTwice_IsRefusedAndTheFirstCallCarriesOn()
    {
        await using var server = await TestServer.StartAsync();
        var refusals = new ConcurrentQueue<InvalidOperationException>();
        await using var client = server.CreateClient(o => o.Use(next => async context =>
        {
            var result = await next(context);
            try
            {
                await next(context);
            }
            catch (InvalidOperationException ex)
            {
                refusals.Enqueue(ex);
            }

            return result;
        }));

        var items = await client.ServerStreamAsync<int>(Service, "Count", [3]).WithTimeout().ToListAsync();
        var sum = await client.ClientStreamAsync<int, long>(Service, "Sum", StreamSources.Range(1, 3)).DefaultTimeout();

        Assert.Equal([1, 2, 3], items);
        Assert.Equal(6, sum);
        await TaskTimeouts.WaitUntilAsync(() => refusals.Count == 2, "both second calls were refused");
        Assert.All(refusals, ex => Assert.Contains("called next twice", ex.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BearerToken_WithServerAuthentication_AppliesToEveryStreamingKind()
    {
        await using var server = new RpcServerBuilder()
            .AddService<IStreamTestService>(new StreamTestService())
            .ListenTcp(IPAddress.Loopback, 0)
            .UseAuthentication(o => o.Authenticate = (token, _) => ValueTask.FromResult(token == "s3cret"
                ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "svc")], "token"))
                : null))
            .Build();
        await server.StartAsync().DefaultTimeout();
        await using var good = new RpcClient(server.EndPoints[0], new RpcClientOptions().UseBearerToken(_ => ValueTask.FromResult("s3cret")));
        await using var bad = new RpcClient(server.EndPoints[0], new RpcClientOptions().UseBearerToken(_ => ValueTask.FromResult("guess")));

        Assert.Equal([1, 2], await good.ServerStreamAsync<int>(Service, "Count", [2]).WithTimeout().ToListAsync());
        Assert.Equal(3, await good.ClientStreamAsync<int, long>(Service, "Sum", StreamSources.Range(1, 2)).DefaultTimeout());
        Assert.Equal([2L], await good.BidirectionalStreamAsync<long, long>(Service, "Twice", StreamSources.Of(1L)).WithTimeout().ToListAsync());
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await bad.ServerStreamAsync<int>(Service, "Count", [2]).WithTimeout().ToListAsync());
        var refusedUpload = await Assert.ThrowsAsync<RpcException>(() =>
            bad.ClientStreamAsync<int, long>(Service, "Sum", StreamSources.Endless())).DefaultTimeout();

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, refusedUpload.StatusCode);
        await server.StopAsync(TimeSpan.Zero).DefaultTimeout();
    }

    [Fact]
    public async Task ServerMiddleware_SeesTheStreamEndWithItsStatus()
    {
        var seen = new ConcurrentQueue<string>();
        await using var server = new RpcServerBuilder()
            .AddService<IStreamTestService>(new StreamTestService())
            .ListenTcp(IPAddress.Loopback, 0)
            .Use(next => async context =>
            {
                try
                {
                    await next(context);
                    seen.Enqueue($"{context.Method} {context.MethodDescriptor.Kind} OK");
                }
                catch (RpcException ex)
                {
                    seen.Enqueue($"{context.Method} {context.MethodDescriptor.Kind} {ex.StatusCode}");
                    throw;
                }
            })
            .Build();
        await server.StartAsync().DefaultTimeout();
        await using var client = new RpcClient(server.EndPoints[0]);

        await client.ServerStreamAsync<int>(Service, "Count", [1000]).WithTimeout().ToListAsync();
        await Assert.ThrowsAsync<RpcException>(async () =>
            await client.ServerStreamAsync<int>(Service, "FailAfter", [5, StatusCode.DataLoss, "lost"]).WithTimeout().ToListAsync());

        await TaskTimeouts.WaitUntilAsync(() => seen.Count == 2, "the server middleware saw both calls end");
        Assert.Equal(["Count ServerStreaming OK", "FailAfter ServerStreaming DataLoss"], seen);
        await server.StopAsync(TimeSpan.Zero).DefaultTimeout();
    }
}

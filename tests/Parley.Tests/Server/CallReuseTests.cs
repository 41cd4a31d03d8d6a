using System.Net;
using System.Security.Claims;
using Parley.Client;
using Parley.Protocol;
using Parley.Server;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Server;

/// <summary>
/// A connection reuses a completed unary call's objects (call, context, metadata, token source) for later calls. Nothing
/// addressed to the finished call may reach the one that reuses its objects, and nothing of it may show through.
/// </summary>
public sealed class CallReuseTests
{
    [Fact]
    public async Task CancelForAFinishedCall_DoesNotReachTheCallServedAfterIt()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();
        await peer.SendRequestAsync(1, "TestService", "Echo", "[\"first\"]");
        Assert.Equal(StatusCode.Ok, (await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout()).Header.Status);
        await peer.SendRequestAsync(2, "TestService", "Block", "[\"after-reuse\"]");
        var probe = server.Service.Probe("after-reuse");
        await probe.Started.Task.DefaultTimeout();

        // A late CANCEL for request 1, then a call that proves the read loop has handled it.
        await peer.SendFrameAsync(FrameType.Cancel, 1);
        await peer.SendRequestAsync(3, "TestService", "Echo", "[\"third\"]");
        Assert.Equal(3UL, (await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout()).Header.RequestId);
        await Task.Delay(100); // a wrongly fired token would have run its callbacks by now

        Assert.False(probe.Cancelled.Task.IsCompleted, "request 2 was cancelled by a CANCEL for request 1");
        await peer.SendFrameAsync(FrameType.Cancel, 2);
        await probe.Cancelled.Task.DefaultTimeout();
    }

    [Fact]
    public async Task DeadlineOfAFinishedCall_DoesNotReachTheCallServedAfterIt()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();
        await peer.SendRequestAsync(1, "TestService", "Echo", "[\"quick\"]", timeoutMs: 100);
        Assert.Equal(StatusCode.Ok, (await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout()).Header.Status);

        await peer.SendRequestAsync(2, "TestService", "Block", "[\"no-deadline\"]");
        var probe = server.Service.Probe("no-deadline");
        await probe.Started.Task.DefaultTimeout();
        await Task.Delay(400); // well past request 1's deadline

        Assert.False(probe.Cancelled.Task.IsCompleted, "request 2 was cancelled by request 1's deadline");
        await peer.SendFrameAsync(FrameType.Cancel, 2);
        await probe.Cancelled.Task.DefaultTimeout();
    }

    [Fact]
    public async Task EachCall_SeesOnlyItsOwnContext()
    {
        var seen = new List<string>();
        var server = new RpcServerBuilder()
            .AddService<ITestService>(new TestService())
            .ListenTcp(IPAddress.Loopback, 0)
            .Use(next => async context =>
            {
                lock (seen)
                {
                    seen.Add($"items {context.Items.Count}, user {context.User?.Identity?.Name ?? "none"}, " +
                        $"tenant {context.RequestMetadata.Get("tenant") ?? "none"}, deadline {(context.Deadline is null ? "none" : "set")}");
                }

                context.Items["mark"] = context.Method;
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone")], "test"));
                await next(context);
            })
            .Build();
        await using var _ = server;
        await server.StartAsync().DefaultTimeout();
        await using var client = new RpcClient(server.EndPoints[0]);

        for (var i = 0; i < 3; i++)
        {
            var options = i == 1
                ? new CallOptions { Metadata = new RpcMetadata().Add("tenant", "t1"), Timeout = TimeSpan.FromSeconds(5) }
                : new CallOptions { Timeout = Timeout.InfiniteTimeSpan };
            Assert.Equal(3, await client.InvokeAsync<int>("TestService", "Add", [1, 2], options).DefaultTimeout());
        }

        Assert.Equal(
            [
                "items 0, user none, tenant none, deadline none",
                "items 0, user none, tenant t1, deadline set",
                "items 0, user none, tenant none, deadline none",
            ],
            seen);
    }

    [Fact]
    public async Task ManyCallsCancelledAndTimedOut_LeaveLaterCallsUntouched()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();

        // Rounds of calls that end every way a call can end, on one connection whose objects are reused throughout.
        for (var round = 0; round < 20; round++)
        {
            using var cancel = new CancellationTokenSource();
            var cancelled = client.InvokeAsync("TestService", "Delay", [10_000], cancellationToken: cancel.Token);
            var timedOut = client.InvokeAsync("TestService", "Delay", [10_000], new CallOptions { Timeout = TimeSpan.FromMilliseconds(20) });
            var finished = client.InvokeAsync<int>("TestService", "Add", [round, 1]);
            var failed = client.InvokeAsync("TestService", "Throw", ["boom"]);
            await cancel.CancelAsync();

            Assert.Equal(StatusCode.Cancelled, (await Assert.ThrowsAsync<RpcException>(() => cancelled).DefaultTimeout()).StatusCode);
            Assert.Equal(StatusCode.DeadlineExceeded, (await Assert.ThrowsAsync<RpcException>(() => timedOut).DefaultTimeout()).StatusCode);
            Assert.Equal(round + 1, await finished.DefaultTimeout());
            Assert.Equal(StatusCode.Internal, (await Assert.ThrowsAsync<RpcException>(() => failed).DefaultTimeout()).StatusCode);
        }

        var slow = client.InvokeAsync<int>("TestService", "Delay", [300]);
        Assert.Equal(300, await slow.DefaultTimeout());
        await TaskTimeouts.WaitUntilAsync(() => server.Server.Statistics.ActiveCalls == 0, "every server call has ended");
        Assert.Equal(0, client.Statistics.PendingCalls);
    }
}

using System.Diagnostics.Metrics;
using Parley.Client;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Client;

public sealed class CallAccountingTests
{
    [Theory]
    [InlineData(TestTransport.Tcp)]
    [InlineData(TestTransport.InMemory)]
    public async Task ManyCalls_MixOfSuccessTimeoutAndCancellation_LeaveEveryCounterAtZero(TestTransport transport)
    {
        await using var server = await TestServer.StartAsync(transport);
        await using var client = server.CreateClient();
        var outcomes = new int[3];

        // 10,000 calls in waves of 500: a third succeed, a third time out, a third are cancelled by the caller.
        for (var wave = 0; wave < 20; wave++)
        {
            var calls = new List<Task>(500);
            for (var i = 0; i < 500; i++)
            {
                calls.Add(RunOneAsync(client, (wave * 500) + i, outcomes));
            }

            await Task.WhenAll(calls).DefaultTimeout();
        }

        Assert.Equal(10_000, outcomes.Sum());
        Assert.All(outcomes, count => Assert.True(count > 2_000, $"outcomes were {string.Join("/", outcomes)}"));
        Assert.Equal(0, client.Statistics.PendingCalls);
        Assert.Equal(0, client.Statistics.ActiveCalls);
        await TaskTimeouts.WaitUntilAsync(() => server.Server.Statistics.ActiveCalls == 0, "every server call has ended");
        Assert.Equal(0, Gauges.Read(client.Meter, "rpc.client.active_calls"));
        Assert.Equal(0, Gauges.Read(client.Meter, "parley.client.pending_calls"));
        Assert.Equal(0, Gauges.Read(server.Server.Meter, "rpc.server.active_calls"));
    }

    private static async Task RunOneAsync(RpcClient client, int index, int[] outcomes)
    {
        try
        {
            switch (index % 3)
            {
                case 0:
                    Assert.Equal(index, await client.InvokeAsync<int>("TestService", "Add", [index, 0]));
                    break;
                case 1:
                    await client.InvokeAsync("TestService", "Delay", [5_000], new CallOptions { Timeout = TimeSpan.FromMilliseconds(20) });
                    break;
                default:
                    using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(10)))
                    {
                        await client.InvokeAsync("TestService", "Delay", [5_000], cancellationToken: cancel.Token);
                    }

                    break;
            }

            Interlocked.Increment(ref outcomes[0]);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
        {
            Interlocked.Increment(ref outcomes[1]);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
        {
            Interlocked.Increment(ref outcomes[2]);
        }
    }
}

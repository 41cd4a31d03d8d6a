using Parley.Client;
using Parley.Cluster;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Cluster;

/// <summary>Retries, the retry budget, deadlines, hedging and circuit breakers of calls through <c>registry://</c>.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task IdempotentCall_FailingInstance_IsRetriedOnAnother()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b", "c");
        cluster["a"].Service.FailWith = StatusCode.Unavailable;
        var client = cluster.CreateClient(NoEjection);
        await client.WaitForConnectedAsync(3);
        var proxy = client.GetService<IClusterService>();

        var answers = await ClusterWaits.CountAnswersAsync(300, 4, _ => proxy.WhoAsync());

        Assert.Equal(300, answers.Values.Sum());
        Assert.False(answers.ContainsKey("a"));
        Assert.True(cluster["a"].Service.Calls > 0);
        Assert.Equal(cluster["a"].Service.Calls, client.Cluster!.Retries);
        Assert.Equal(client.Cluster.Retries, Gauges.Read(client.Meter, "parley.client.retries"));
        // Its breaker opened after enough failures (10 at a ratio of 1): the balancer has left it out since.
        Assert.Equal(InstanceState.CircuitOpen, client.Cluster.Instances.Single(i => i.Id == "a").State);
        Assert.InRange(cluster["a"].Service.Calls, 10, 13); // 10, plus calls of the other 3 callers already past the breaker
        Assert.Equal(2, Gauges.Read(client.Meter, "parley.client.available_instances"));
    }

    [Fact]
    public async Task NonIdempotentCall_FailingAfterItMayHaveRun_IsNotRepeated()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b");
        cluster["a"].Service.FailWith = StatusCode.Unavailable;
        var client = cluster.CreateClient(NoEjection);
        await client.WaitForConnectedAsync(2);
        var proxy = client.GetService<IClusterService>();

        var failures = 0;
        for (var i = 0; i < 20; i++)
        {
            try
            {
                await proxy.RecordAsync(0, default).DefaultTimeout();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
            {
                failures++;
            }
        }

        Assert.Equal(10, failures); // round robin sent every second call to a, and none was repeated
        Assert.InRange(cluster["a"].Service.Calls, 10, 13); // 10, plus calls of the other 3 callers already past the breaker
        Assert.Equal(10, cluster["b"].Service.Calls);
        Assert.Equal(0, client.Cluster!.Retries);
    }

    [Fact]
    public async Task NonIdempotentCall_ToAnInstanceThatIsGone_GoesToAnotherBecauseItWasNeverSent()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b", "c");
        var client = cluster.CreateClient(o => o.Cluster.HealthChecks.HeartbeatInterval = Timeout.InfiniteTimeSpan);
        await client.WaitForConnectedAsync(3);
        var proxy = client.GetService<IClusterService>();

        await cluster["b"].StopAsync(); // still registered: the registry has not noticed yet
        var answers = await ClusterWaits.CountAnswersAsync(60, 1, _ => proxy.RecordAsync(0, default));

        Assert.Equal(60, answers.Values.Sum());
        Assert.False(answers.ContainsKey("b"));
        await client.WaitForStateAsync("b", InstanceState.Unreachable);
    }

    [Fact]
    public async Task RetryBudget_BackendFailingForTenSeconds_AttemptsStayWithinTwentyPercentOfCalls()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b", "c");
        FailEverywhere(cluster);
        var client = cluster.CreateClient(RetriesOnly(
            maxAttempts: 5, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), minRetriesPerSecond: 0));
        await client.WaitForConnectedAsync(3);
        var proxy = client.GetService<IClusterService>();

        var calls = 0;
        var stopAt = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var callers = Enumerable.Range(0, 8).Select(async _ =>
        {
            while (DateTime.UtcNow < stopAt)
            {
                Interlocked.Increment(ref calls);
                var error = await Assert.ThrowsAsync<RpcException>(() => proxy.WhoAsync());
                Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            }
        });
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromMinutes(1));

        var attempts = cluster.Nodes.Sum(n => n.Service.Calls);
        Assert.True(attempts > calls, "some calls were retried");
        Assert.True(attempts <= calls * 1.2 + 1, $"{attempts} attempts for {calls} calls: more than the 20 % budget");
        Assert.True(client.Cluster!.RetriesRefusedByBudget > 0);
    }

    [Fact]
    public async Task Deadline_StopsRetries_NoAttemptStartsAfterIt()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b");
        FailEverywhere(cluster, delayMs: 40);
        var client = cluster.CreateClient(RetriesOnly(
            maxAttempts: 10, TimeSpan.FromMilliseconds(50), new RetryOptions().MaxBackoff, minRetriesPerSecond: 1000));
        await client.WaitForConnectedAsync(2);

        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync<string>(
            "ClusterTest", "Who", [], new CallOptions { Idempotent = true, Timeout = TimeSpan.FromMilliseconds(300) })).DefaultTimeout();
        var attempts = cluster.Nodes.Sum(n => n.Service.Calls);

        Assert.True(error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded, error.ToString());
        Assert.True(attempts < 10, $"{attempts} attempts: the deadline did not stop them");
        // Either a retry was not made because its backoff would end past the deadline, or the last attempt ran into it.
        Assert.True(client.Cluster!.RetriesStoppedByDeadline > 0 || error.StatusCode == StatusCode.DeadlineExceeded, error.ToString());
        await Task.Delay(300);
        Assert.Equal(attempts, cluster.Nodes.Sum(n => n.Service.Calls)); // nothing more after the call returned
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CancellingACallWhileItRetries_FailsItWithCancelled()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b");
        FailEverywhere(cluster);
        var client = cluster.CreateClient(RetriesOnly(
            maxAttempts: 10, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), minRetriesPerSecond: 1000));
        await client.WaitForConnectedAsync(2);
        using var cancel = new CancellationTokenSource();

        var call = client.InvokeAsync<string>("ClusterTest", "Who", [], new CallOptions { Idempotent = true }, cancel.Token);
        await TaskTimeouts.WaitUntilAsync(() => cluster.Nodes.Sum(n => n.Service.Calls) >= 2, "two failed attempts");
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Hedging_SlowInstance_AnotherAnswersFirstAndTheSlowCopyIsCancelled()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b");
        cluster["a"].Service.ExtraDelayMs = 5_000;
        var client = cluster.CreateClient(o =>
        {
            o.Cluster.Hedging = new HedgingOptions { Delay = TimeSpan.FromMilliseconds(50) };
            o.Cluster.LoadBalancer = () => new FirstInstanceBalancer();
        });
        await client.WaitForConnectedAsync(2);
        var proxy = client.GetService<IClusterService>();

        var answer = await proxy.WorkAsync(0, default).DefaultTimeout();

        Assert.Equal("b", answer);
        Assert.Equal(1, client.Cluster!.Hedges);
        await TaskTimeouts.WaitUntilAsync(() => cluster["a"].Service.Running == 0, "the slow copy cancelled");
    }

    [Fact]
    public async Task Hedging_NeverCopiesACallThatIsNotIdempotent()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b");
        cluster["a"].Service.ExtraDelayMs = 300;
        var client = cluster.CreateClient(o =>
        {
            o.Cluster.Hedging = new HedgingOptions { Delay = TimeSpan.FromMilliseconds(20) };
            o.Cluster.LoadBalancer = () => new FirstInstanceBalancer();
        });
        await client.WaitForConnectedAsync(2);
        var proxy = client.GetService<IClusterService>();

        Assert.Equal("a", await proxy.RecordAsync(0, default).DefaultTimeout());
        Assert.Equal(0, client.Cluster!.Hedges);
        Assert.Equal(0, cluster["b"].Service.Calls);
    }

    [Fact]
    public async Task CircuitBreaker_OpensAfterFailures_LetsOneProbeThroughWhenHalfOpen_ClosesAfterSuccess()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b");
        var a = cluster["a"].Service;
        a.FailWith = StatusCode.Internal;
        var client = cluster.CreateClient(o =>
        {
            NoEjection(o);
            o.Cluster.Retry.MaxAttempts = 1;
            o.Cluster.CircuitBreaker = new CircuitBreakerOptions
            {
                FailureRatio = 0.5, MinimumThroughput = 4, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = TimeSpan.FromSeconds(1),
            };
        });
        await client.WaitForConnectedAsync(2);
        var proxy = client.GetService<IClusterService>();

        // Closed: a's failures reach the caller until the breaker has seen enough of them.
        for (var i = 0; i < 8 && a.Calls < 4; i++)
        {
            await Record(proxy);
        }

        await client.WaitForStateAsync("a", InstanceState.CircuitOpen);
        var callsWhenOpened = a.Calls;
        Assert.Equal(4, callsWhenOpened);

        // Open: every call goes to b.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("b", await proxy.WhoAsync().DefaultTimeout());
        }

        Assert.Equal(callsWhenOpened, a.Calls);

        // Half-open: a recovers and is slow; of many concurrent calls only one probe reaches it at a time.
        a.FailWith = null;
        a.ExtraDelayMs = 500;
        var burst = new List<Task<string>>();
        await TaskTimeouts.WaitUntilAsync(() =>
        {
            burst.Add(proxy.WhoAsync()); // until the balancer takes a back and the breaker lets a probe through
            return a.Running == 1;
        }, "the probe running on a");
        burst.AddRange(Enumerable.Range(0, 30).Select(_ => proxy.WhoAsync()));
        Assert.Equal(callsWhenOpened + 1, a.Calls);
        Assert.Equal(1, (await Task.WhenAll(burst).DefaultTimeout()).Count(id => id == "a"));

        // The probe succeeded: closed, a takes its share again.
        a.ExtraDelayMs = 0;
        var answers = await ClusterWaits.CountAnswersAsync(100, 1, _ => proxy.WhoAsync());
        Assert.InRange(answers["a"], 45, 55);
    }

    [Fact]
    public async Task OutlierEjection_ConsecutiveFailuresEject_ThenAHeartbeatProbeTakesTheInstanceBack()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b");
        var a = cluster["a"].Service;
        a.FailWith = StatusCode.Internal;
        var client = cluster.CreateClient(o =>
        {
            o.Cluster.CircuitBreaker = null;
            o.Cluster.HealthChecks.ConsecutiveFailures = 3;
            o.Cluster.HealthChecks.BaseEjectionTime = TimeSpan.FromMilliseconds(500);
            o.Cluster.HealthChecks.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
        });
        await client.WaitForConnectedAsync(2);
        var proxy = client.GetService<IClusterService>();

        for (var i = 0; i < 6; i++)
        {
            await Record(proxy);
        }

        var ejected = client.Cluster!.Instances.Single(i => i.Id == "a");
        Assert.Equal(InstanceState.Ejected, ejected.State);
        Assert.Equal(1, ejected.Ejections);
        Assert.Equal(3, a.Calls);

        a.FailWith = null;
        await client.WaitForStateAsync("a", InstanceState.Available);
        var answers = await ClusterWaits.CountAnswersAsync(20, 1, _ => proxy.WhoAsync());
        Assert.Equal(10, answers["a"]);
    }

    private static void NoEjection(RpcClientOptions options) => options.Cluster.HealthChecks.ConsecutiveFailures = 0;

    // Every instance fails every call with UNAVAILABLE, after delayMs.
    private static void FailEverywhere(TestCluster cluster, int delayMs = 0)
    {
        foreach (var node in cluster.Nodes)
        {
            node.Service.FailWith = StatusCode.Unavailable;
            node.Service.ExtraDelayMs = delayMs;
        }
    }

    // Retries alone decide: no ejection and no breakers take the failing instances away.
    private static Action<RpcClientOptions> RetriesOnly(int maxAttempts, TimeSpan initialBackoff, TimeSpan maxBackoff, int minRetriesPerSecond) =>
        options =>
        {
            NoEjection(options);
            options.Cluster.CircuitBreaker = null;
            options.Cluster.Retry.MaxAttempts = maxAttempts;
            options.Cluster.Retry.InitialBackoff = initialBackoff;
            options.Cluster.Retry.MaxBackoff = maxBackoff;
            options.Cluster.Retry.MinRetriesPerSecond = minRetriesPerSecond;
        };

    private static async Task Record(IClusterService proxy)
    {
        try
        {
            await proxy.RecordAsync(0, default).DefaultTimeout();
        }
        catch (RpcException)
        {
        }
    }
}

using Parley.Cluster;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Cluster;

/// <summary>
/// An unanswered heartbeat ejects an instance, so a stall of the calling process (its timer firing late, the answer
/// unread) must not count as one. A manual clock jumping forward in one step is such a stall.
/// </summary>
public sealed class HeartbeatWaitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task NoAnswer_TimerOnTime_IsUnanswered()
    {
        var clock = new ManualTimeProvider();
        var answer = new TaskCompletionSource<bool>();
        var wait = HeartbeatWait.AnsweredAsync(answer.Task, Timeout, clock, CancellationToken.None);

        await StepAsync(clock, Timeout);

        Assert.False(await wait.DefaultTimeout());
    }

    [Fact]
    public async Task Stall_LongerThanTheTimeout_TheAnswerReadAfterwardsCounts()
    {
        var clock = new ManualTimeProvider();
        var answer = new TaskCompletionSource<bool>();
        var wait = HeartbeatWait.AnsweredAsync(answer.Task, Timeout, clock, CancellationToken.None);

        clock.Advance(3 * Timeout);
        await WaitingAgainAsync(clock);
        answer.SetResult(true);

        Assert.True(await wait.DefaultTimeout());
    }

    [Fact]
    public async Task Stall_ThenNoAnswer_ThePeerHasOneMoreTimeout_ThenIsUnanswered()
    {
        var clock = new ManualTimeProvider();
        var answer = new TaskCompletionSource<bool>();
        var wait = HeartbeatWait.AnsweredAsync(answer.Task, Timeout, clock, CancellationToken.None);

        clock.Advance(3 * Timeout);
        await WaitingAgainAsync(clock);
        await StepAsync(clock, Timeout - Step);
        Assert.False(wait.IsCompleted, "the peer still had time to answer");

        clock.Advance(Step);
        Assert.False(await wait.DefaultTimeout());
    }

    [Fact]
    public async Task Cancelled_IsUnanswered()
    {
        var clock = new ManualTimeProvider();
        using var stop = new CancellationTokenSource();
        var wait = HeartbeatWait.AnsweredAsync(new TaskCompletionSource<bool>().Task, Timeout, clock, stop.Token);

        await stop.CancelAsync();

        Assert.False(await wait.DefaultTimeout());
    }

    // Moves the clock tick by tick, so that every timer fires on time.
    private static async Task StepAsync(ManualTimeProvider clock, TimeSpan total)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += Step)
        {
            await Task.Yield();
            clock.Advance(Step);
        }
    }

    private static Task WaitingAgainAsync(ManualTimeProvider clock) =>
        TaskTimeouts.WaitUntilAsync(() => clock.HasTimerDue, "the wait arms its timer again after the stall");
}

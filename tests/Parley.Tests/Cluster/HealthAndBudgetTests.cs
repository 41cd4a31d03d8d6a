using Parley.Cluster;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Cluster;

/// <summary>The retry budget and outlier ejection on a manual clock: exact, whatever the machine is doing.</summary>
public sealed class HealthAndBudgetTests
{
    [Fact]
    public void RetryBudget_AllowsTheRatioOfCallsPlusTheAllowance_AndForgetsOldCalls()
    {
        var time = new ManualTimeProvider();
        var budget = new RetryBudget(new RetryOptions { BudgetRatio = 0.2, MinRetriesPerSecond = 1, BudgetWindow = TimeSpan.FromSeconds(10) }, time);
        for (var i = 0; i < 100; i++)
        {
            budget.CallStarted();
        }

        var allowed = 0;
        while (budget.TryRetry())
        {
            allowed++;
        }

        Assert.Equal(20 + 10, allowed); // 20 % of 100 calls, plus 1 a second over the 10 s window
        Assert.Equal(1, budget.Refused);

        time.Advance(TimeSpan.FromSeconds(11)); // the calls and retries leave the window
        budget.CallStarted();
        Assert.True(budget.TryRetry());
    }

    [Fact]
    public void RetryBudget_WithoutCalls_AllowsOnlyTheAllowance()
    {
        var budget = new RetryBudget(new RetryOptions { MinRetriesPerSecond = 0 }, new ManualTimeProvider());

        Assert.False(budget.TryRetry());
    }

    [Fact]
    public void OutlierDetector_ConsecutiveFailuresEject_ForAGrowingTime_UpToTheMaximum()
    {
        var time = new ManualTimeProvider();
        var options = new HealthCheckOptions
        {
            ConsecutiveFailures = 3, BaseEjectionTime = TimeSpan.FromSeconds(1), MaxEjectionTime = TimeSpan.FromSeconds(2.5),
        };
        var detector = new OutlierDetector(options, time);

        Assert.False(detector.Record(failed: true));
        Assert.False(detector.Record(failed: false)); // a success breaks the run
        Assert.False(detector.Record(failed: true));
        Assert.False(detector.Record(failed: true));
        Assert.True(detector.Record(failed: true));
        Assert.True(detector.IsEjected);

        time.Advance(TimeSpan.FromSeconds(0.9));
        Assert.False(detector.ProbeDue);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(detector.ProbeDue);

        Assert.True(detector.Eject()); // the probe failed: the second ejection lasts twice as long
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(detector.ProbeDue);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(detector.ProbeDue);

        Assert.True(detector.Eject()); // the third would last 3 s; the maximum is 2.5 s
        time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.True(detector.ProbeDue);

        detector.Return();
        Assert.False(detector.IsEjected);
        Assert.Equal(3, detector.Ejections);
        time.Advance(TimeSpan.FromSeconds(3)); // healthy for longer than the maximum: the next ejection is short again
        Assert.False(detector.Record(failed: false));
        Assert.Equal(0, detector.Ejections);
    }

    [Fact]
    public void OutlierDetector_PassiveEjectionOff_NeverEjectsOnFailures()
    {
        var detector = new OutlierDetector(new HealthCheckOptions { ConsecutiveFailures = 0 }, new ManualTimeProvider());

        for (var i = 0; i < 100; i++)
        {
            Assert.False(detector.Record(failed: true));
        }

        Assert.False(detector.IsEjected);
    }
}

using Parley.Client;

namespace Parley.Tests.Client;

public sealed class PendingCallTableTests
{
    [Fact]
    public void CloseAbove_RemovesTheCallsAboveTheLastId_KeepsTheOthers_AndRefusesNewCalls()
    {
        var table = new PendingCallTable(capacity: 16, TimeProvider.System, expire: _ => { });
        for (ulong id = 1; id <= 6; id++)
        {
            Assert.Equal(PendingCallAddResult.Added, table.TryAdd(table.Rent(id, Timeout.InfiniteTimeSpan)));
        }

        var removed = table.CloseAbove(4);

        Assert.Equal([5UL, 6UL], removed.Select(c => c.RequestId).Order());
        Assert.Equal(4, table.Count);
        Assert.True(table.TryGet(4, out _));
        // A call that picked the connection before it learned of the GOAWAY is refused, not sent to be turned away.
        Assert.Equal(PendingCallAddResult.Closed, table.TryAdd(table.Rent(7, Timeout.InfiniteTimeSpan)));
        Assert.True(table.TryRemove(3, out _));
    }
}

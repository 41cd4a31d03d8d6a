using Parley.Tests.TestSupport;

namespace Parley.Tests.Connections;

public sealed class HandshakeLimitsTests
{
    [Fact]
    public async Task SmallestMetadataEntryLimit_StillAcceptsTheSixEntriesOfAHello()
    {
        await using var server = await TestServer.StartAsync(o => o.Limits.MaxMetadataEntries = 4);
        await using var client = server.CreateClient(o => o.Limits.MaxMetadataEntries = 4);

        Assert.Equal(3, await client.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout());
        Assert.Equal(0, server.Server.Statistics.ProtocolErrors);
    }
}

using Parley.Client;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Streaming;

public sealed class StreamSmokeTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private RpcClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ServerStream_Counts()
    {
        var items = new List<int>();
        await foreach (var i in _client.ServerStreamAsync<int>("StreamTestService", "Count", [5]))
        {
            items.Add(i);
        }

        Assert.Equal([1, 2, 3, 4, 5], items);
    }

    [Fact]
    public async Task ClientStream_Sums()
    {
        var sum = await _client.ClientStreamAsync<int, long>("StreamTestService", "Sum", Range(1, 100)).DefaultTimeout();
        Assert.Equal(5050, sum);
    }

    [Fact]
    public async Task Bidi_Echoes()
    {
        var items = new List<string>();
        await foreach (var s in _client.BidirectionalStreamAsync<string, string>("StreamTestService", "Echo", Strings("a", "b"), ["> "]))
        {
            items.Add(s);
        }

        Assert.Equal(["> a", "> b"], items);
    }

    private static async IAsyncEnumerable<int> Range(int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            yield return i;
        }

        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<string> Strings(params string[] values)
    {
        foreach (var value in values)
        {
            yield return value;
        }

        await Task.CompletedTask;
    }
}

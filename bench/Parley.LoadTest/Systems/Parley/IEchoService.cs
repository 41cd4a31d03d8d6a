namespace Parley.LoadTest.Systems.Parley;

/// <summary>The contract the Parley systems serve: the load tool's echo and its server stream.</summary>
[RpcService]
public interface IEchoService
{
    /// <summary>Returns <paramref name="text"/> unchanged.</summary>
    Task<string> EchoAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="count"/> texts of <paramref name="size"/> ASCII characters.</summary>
    IAsyncEnumerable<string> StreamAsync(int count, int size, CancellationToken cancellationToken = default);
}

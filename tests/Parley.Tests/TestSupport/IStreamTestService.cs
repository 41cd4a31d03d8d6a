namespace Parley.Tests.TestSupport;

/// <summary>The streaming shapes, served through the reflection path (not marked [RpcService]).</summary>
public interface IStreamTestService
{
    /// <summary>Server streaming: 1..n.</summary>
    IAsyncEnumerable<int> Count(int n, CancellationToken cancellationToken);

    /// <summary>Server streaming: <paramref name="count"/> blobs of <paramref name="size"/> bytes, byte i of blob k = (k + i) % 251.</summary>
    IAsyncEnumerable<byte[]> Blobs(int count, int size, CancellationToken cancellationToken);

    /// <summary>
    /// Server streaming that never ends by itself: blobs of <paramref name="size"/> bytes; the probe named
    /// <paramref name="key"/> counts what was produced.
    /// </summary>
    IAsyncEnumerable<byte[]> Endless(string key, int size, CancellationToken cancellationToken);

    /// <summary>Server streaming: the request metadata value under <paramref name="key"/>, then whether the call has a deadline.</summary>
    IAsyncEnumerable<string> EchoMetadata(string key, Parley.Server.ServerCallContext context);

    /// <summary>Sends 1..n, then fails with <paramref name="status"/>.</summary>
    IAsyncEnumerable<int> FailAfter(int n, StatusCode status, string message, CancellationToken cancellationToken);

    /// <summary>Client streaming: the sum of the items.</summary>
    Task<long> Sum(IAsyncEnumerable<int> items, CancellationToken cancellationToken);

    /// <summary>Client streaming that answers as soon as it reads "stop", with how many items it read.</summary>
    Task<int> ReadUntilStop(IAsyncEnumerable<string> items);

    /// <summary>Client streaming that blocks in its first read; the probe named <paramref name="key"/> sees it start and end.</summary>
    Task<int> WaitForever(string key, IAsyncEnumerable<int> items, CancellationToken cancellationToken);

    /// <summary>Bidirectional: each item comes back with <paramref name="prefix"/> in front.</summary>
    IAsyncEnumerable<string> Echo(string prefix, IAsyncEnumerable<string> items, CancellationToken cancellationToken);

    /// <summary>Bidirectional with only a stream for input: each item times two.</summary>
    IAsyncEnumerable<long> Twice(IAsyncEnumerable<long> items, CancellationToken cancellationToken);
}

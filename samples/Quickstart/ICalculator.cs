using Parley;

namespace Quickstart;

/// <summary>
/// The contract: service "Calculator" with methods Add, GetTime, Log and Count. The source generator turns it into a
/// client proxy (client.GetService&lt;ICalculator&gt;()) and a server dispatcher, with no reflection per call.
/// </summary>
[RpcService]
public interface ICalculator
{
    Task<int> AddAsync(int a, int b, CancellationToken cancellationToken = default);

    Task<DateTimeOffset> GetTimeAsync();

    /// <summary>One-way: the caller does not wait for it, and the server sends nothing back.</summary>
    [OneWay]
    Task LogAsync(string line);

    /// <summary>
    /// Server streaming: the numbers 1 to <paramref name="upTo"/>, in order, at the pace the caller reads them.
    /// </summary>
    IAsyncEnumerable<int> CountAsync(int upTo, CancellationToken cancellationToken = default);
}

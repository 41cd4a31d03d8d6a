using Parley;

namespace Quickstart;

/// <summary>The contract: service "Calculator" with methods Add, GetTime and Log.</summary>
[RpcService]
public interface ICalculator
{
    Task<int> AddAsync(int a, int b, CancellationToken cancellationToken = default);

    Task<DateTimeOffset> GetTimeAsync();

    /// <summary>Meant to be called one-way: the caller does not wait for it.</summary>
    Task LogAsync(string line);
}

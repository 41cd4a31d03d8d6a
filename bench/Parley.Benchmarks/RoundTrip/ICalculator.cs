namespace Parley.Benchmarks.RoundTrip;

/// <summary>The contract the round-trip benchmarks call, served as "X" so that untyped calls stay short.</summary>
[RpcService("X")]
public interface ICalculator
{
    Task<int> AddAsync(int a, int b, CancellationToken cancellationToken = default);
}

namespace Parley.Benchmarks.RoundTrip;

/// <summary>The server's side of <see cref="ICalculator"/>: no work, so that the benchmark measures the call.</summary>
internal sealed class Calculator : ICalculator
{
    public Task<int> AddAsync(int a, int b, CancellationToken cancellationToken = default) => Task.FromResult(a + b);
}

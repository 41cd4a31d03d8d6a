namespace Parley.Protobuf.Tests.TestSupport;

public sealed class Calculator : ICalculator
{
    public Task<int> AddAsync(int a, int b) => Task.FromResult(a + b);

    public Task<int> NegateAsync(int value) => Task.FromResult(-value);
}

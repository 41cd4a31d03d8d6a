namespace Parley.Protobuf.Tests.TestSupport;

/// <summary>A contract the protobuf codec cannot carry: plain .NET values in and out.</summary>
public interface ICalculator
{
    Task<int> AddAsync(int a, int b);

    Task<int> NegateAsync(int value);
}

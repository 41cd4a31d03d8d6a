using Parley;

namespace HostingSample;

/// <summary>The contract: service "Calculator", methods "Add" and "Divide".</summary>
[RpcService]
public interface ICalculator
{
    Task<int> AddAsync(int a, int b, CancellationToken cancellationToken = default);

    /// <summary>Integer division; dividing by zero fails the call (INTERNAL), with details only in Development.</summary>
    Task<int> DivideAsync(int a, int b);
}

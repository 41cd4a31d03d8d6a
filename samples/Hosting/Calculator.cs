using Microsoft.Extensions.Logging;

namespace HostingSample;

/// <summary>The implementation, created by the container (its logger is injected). Calls run concurrently: it keeps no state.</summary>
internal sealed partial class Calculator(ILogger<Calculator> logger) : ICalculator
{
    public Task<int> AddAsync(int a, int b, CancellationToken cancellationToken = default)
    {
        LogAdd(a, b);
        return Task.FromResult(a + b);
    }

    public Task<int> DivideAsync(int a, int b) => Task.FromResult(a / b);

    [LoggerMessage(LogLevel.Debug, "Adding {A} and {B}")]
    private partial void LogAdd(int a, int b);
}

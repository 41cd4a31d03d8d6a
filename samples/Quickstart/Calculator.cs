using System.Runtime.CompilerServices;

namespace Quickstart;

/// <summary>The server-side implementation. Calls run concurrently, so it keeps no mutable state beyond a signal.</summary>
public sealed class Calculator(TimeProvider time) : ICalculator
{
    private readonly TaskCompletionSource<string> _firstLog = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the first line logged, so the demo can show that the one-way call arrived.</summary>
    public Task<string> FirstLog => _firstLog.Task;

    public Task<int> AddAsync(int a, int b, CancellationToken cancellationToken = default) => Task.FromResult(checked(a + b));

    public Task<DateTimeOffset> GetTimeAsync() => Task.FromResult(time.GetUtcNow());

    public Task LogAsync(string line)
    {
        Console.WriteLine($"[server] log: {line}");
        _firstLog.TrySetResult(line);
        return Task.CompletedTask;
    }

    // Each yield waits while the caller's window of unread messages is full, so a slow reader holds back this loop
    // instead of letting messages pile up in memory.
    public async IAsyncEnumerable<int> CountAsync(int upTo, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 1; i <= upTo; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }

        await Task.CompletedTask; // nothing to wait for: the numbers are at hand
    }
}

using System.Runtime.CompilerServices;

namespace Parley.Tests.Streaming;

/// <summary>Request streams for tests.</summary>
internal static class StreamSources
{
    public static async IAsyncEnumerable<int> Range(int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            yield return i;
        }

        await Task.CompletedTask;
    }

    public static async IAsyncEnumerable<T> Of<T>(params T[] values)
    {
        foreach (var value in values)
        {
            yield return value;
        }

        await Task.CompletedTask;
    }

    /// <summary>Yields <paramref name="prefix"/> values, then <paramref name="filler"/> forever; <paramref name="ended"/> fires when the enumeration is disposed.</summary>
    public static async IAsyncEnumerable<string> ThenForever(
        string[] prefix, string filler, TaskCompletionSource ended, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            foreach (var value in prefix)
            {
                yield return value;
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return filler;
                await Task.Yield();
            }
        }
        finally
        {
            ended.TrySetResult();
        }
    }

    /// <summary>Yields 1..<paramref name="count"/>, then throws.</summary>
    public static async IAsyncEnumerable<int> Failing(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            yield return i;
        }

        await Task.CompletedTask;
        throw new InvalidOperationException("the source broke");
    }

    /// <summary>Yields 0, 1, 2, ... forever, slowly enough not to flood.</summary>
    public static async IAsyncEnumerable<int> Endless([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; ; i++)
        {
            yield return i;
            await Task.Delay(1, cancellationToken);
        }
    }
}

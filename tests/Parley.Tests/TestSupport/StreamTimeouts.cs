using System.Runtime.CompilerServices;

namespace Parley.Tests.TestSupport;

public static class StreamTimeouts
{
    /// <summary>Fails with the enumerating line when no message (or end) arrives within the default timeout.</summary>
    public static async IAsyncEnumerable<T> WithTimeout<T>(
        this IAsyncEnumerable<T> source, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        await using var enumerator = source.GetAsyncEnumerator();
        while (true)
        {
            bool more;
            try
            {
                more = await enumerator.MoveNextAsync().AsTask().WaitAsync(TaskTimeouts.Default);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"No stream message within {TaskTimeouts.Default} at {Path.GetFileName(file)}:{line}");
            }

            if (!more)
            {
                yield break;
            }

            yield return enumerator.Current;
        }
    }
}

using System.Runtime.CompilerServices;

namespace Parley.Tests.TestSupport;

/// <summary>Every await in a test goes through these, so a hang fails fast and names the line that hung.</summary>
public static class TaskTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    public static async Task DefaultTimeout(this Task task, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        try
        {
            await task.WaitAsync(Default);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {Default} at {Path.GetFileName(file)}:{line}");
        }
    }

    public static async Task<T> DefaultTimeout<T>(this Task<T> task, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        try
        {
            return await task.WaitAsync(Default);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {Default} at {Path.GetFileName(file)}:{line}");
        }
    }

    public static Task DefaultTimeout(this ValueTask task, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        task.AsTask().DefaultTimeout(file, line);

    public static Task<T> DefaultTimeout<T>(this ValueTask<T> task, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        task.AsTask().DefaultTimeout(file, line);

    /// <summary>
    /// Waits for a condition that has no event to wait on (a counter reaching a value), checking it often, and fails
    /// with <paramref name="what"/> after the default timeout.
    /// </summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, file, line);

    /// <summary>As <see cref="WaitUntilAsync(Func{bool}, string, string, int)"/>, for a condition that must be asked for
    /// (a count kept by another process).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var deadline = DateTime.UtcNow + Default;
        while (!await condition().WaitAsync(Default))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what} at {Path.GetFileName(file)}:{line}");
            }

            await Task.Delay(10);
        }
    }
}

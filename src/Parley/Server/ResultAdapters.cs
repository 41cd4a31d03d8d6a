using System.Reflection;

namespace Parley.Server;

/// <summary>Turns whatever a handler returns (a value, Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;) into one awaitable shape.</summary>
internal static class ResultAdapters
{
    private static readonly MethodInfo AwaitTaskOfT = typeof(ResultAdapters).GetMethod(nameof(AwaitTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AwaitValueTaskOfT = typeof(ResultAdapters).GetMethod(nameof(AwaitValueTask), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Returns the result type on the wire (null for none) and the adapter for <paramref name="returnType"/>.</summary>
    public static (Type? ResultType, Func<object?, ValueTask<object?>> Unwrap) For(Type returnType, string where)
    {
        if (returnType == typeof(void))
        {
            return (null, static _ => default);
        }

        if (returnType == typeof(Task))
        {
            return (null, static async returned => { await (Task)returned!; return null; });
        }

        if (returnType == typeof(ValueTask))
        {
            return (null, static async returned => { await (ValueTask)returned!; return null; });
        }

        if (returnType.IsGenericType)
        {
            var definition = returnType.GetGenericTypeDefinition();
            var argument = returnType.GetGenericArguments()[0];
            if ((definition == typeof(Task<>) || definition == typeof(ValueTask<>)) && IsStream(argument))
            {
                throw new ArgumentException($"{where} returns a task of IAsyncEnumerable<T>; return IAsyncEnumerable<T> itself to stream.");
            }

            if (definition == typeof(Task<>))
            {
                return (argument, AwaitTaskOfT.MakeGenericMethod(argument).CreateDelegate<Func<object?, ValueTask<object?>>>());
            }

            if (definition == typeof(ValueTask<>))
            {
                return (argument, AwaitValueTaskOfT.MakeGenericMethod(argument).CreateDelegate<Func<object?, ValueTask<object?>>>());
            }

            if (definition == typeof(IAsyncEnumerable<>))
            {
                // A response stream: the server sends the items itself (ResponseStreams), so the handler's return passes through.
                return (argument, static returned => new ValueTask<object?>(returned));
            }
        }

        return (returnType, static returned => new ValueTask<object?>(returned));
    }

    /// <summary>The item type when <paramref name="type"/> is <see cref="IAsyncEnumerable{T}"/>, else null.</summary>
    public static Type? StreamItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>) ? type.GetGenericArguments()[0] : null;

    private static bool IsStream(Type type) => StreamItemType(type) is not null;

    private static async ValueTask<object?> AwaitTask<T>(object? returned) => await ((Task<T>)returned!);

    private static async ValueTask<object?> AwaitValueTask<T>(object? returned) => await ((ValueTask<T>)returned!);
}

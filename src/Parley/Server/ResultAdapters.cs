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
                throw new ArgumentException($"{where} returns IAsyncEnumerable<T>: streaming calls are not part of protocol v1.");
            }
        }

        return (returnType, static returned => new ValueTask<object?>(returned));
    }

    private static async ValueTask<object?> AwaitTask<T>(object? returned) => await ((Task<T>)returned!);

    private static async ValueTask<object?> AwaitValueTask<T>(object? returned) => await ((ValueTask<T>)returned!);
}

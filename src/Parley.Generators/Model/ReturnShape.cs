namespace Parley.Generators.Model;

/// <summary>What a contract method returns: an awaitable, or a stream of responses.</summary>
internal enum ReturnShape
{
    /// <summary><c>Task</c>: no value.</summary>
    Task,

    /// <summary><c>Task&lt;T&gt;</c>.</summary>
    TaskOfT,

    /// <summary><c>ValueTask</c>: no value.</summary>
    ValueTask,

    /// <summary><c>ValueTask&lt;T&gt;</c>.</summary>
    ValueTaskOfT,

    /// <summary><c>IAsyncEnumerable&lt;T&gt;</c>: a stream of responses.</summary>
    AsyncEnumerable,
}

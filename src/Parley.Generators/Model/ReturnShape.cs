namespace Parley.Generators.Model;

/// <summary>The awaitable a contract method returns.</summary>
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
}

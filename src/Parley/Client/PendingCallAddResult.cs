namespace Parley.Client;

/// <summary>The outcome of <see cref="PendingCallTable.TryAdd"/>.</summary>
internal enum PendingCallAddResult
{
    Added,
    Full,
    Closed,
}

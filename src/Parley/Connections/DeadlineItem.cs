namespace Parley.Connections;

/// <summary>
/// Something with a deadline that a <see cref="DeadlineQueue"/> can hold. The queue's links live in the item itself,
/// so that queueing and leaving the queue allocate nothing.
/// </summary>
internal abstract class DeadlineItem
{
    internal DeadlineItem? PreviousByDeadline;
    internal DeadlineItem? NextByDeadline;

    /// <summary>When the deadline passes, as a <see cref="TimeProvider"/> timestamp.</summary>
    internal long DeadlineTimestamp;

    internal DeadlineQueue? QueuedIn;
}

namespace Parley.Server;

/// <summary>Why a call's token fired; decides what, if anything, is sent back.</summary>
internal enum CancelReason
{
    None,
    /// <summary>The deadline passed: answer DEADLINE_EXCEEDED.</summary>
    Deadline,
    /// <summary>The client sent CANCEL: it is no longer listening, answer nothing.</summary>
    CancelledByClient,
    /// <summary>The connection is closing: nothing can be sent.</summary>
    ConnectionClosed,
}

using System.IO.Pipelines;

namespace Parley.Transport;

/// <summary>Pipe sizing for stream transports.</summary>
internal static class TransportPipeOptions
{
    /// <summary>
    /// Options for the receive pipe. The frame reader waits until a whole frame is buffered, so the writer must not be
    /// paused below the largest frame the limits allow, or a large frame would never complete.
    /// </summary>
    public static PipeOptions ForReceive(long maxFrameBytes)
    {
        var pause = maxFrameBytes + 64 * 1024;
        return new PipeOptions(
            pauseWriterThreshold: pause,
            resumeWriterThreshold: pause / 2,
            useSynchronizationContext: false);
    }

    /// <summary>
    /// Options for the send pipe: the write loop pauses when the socket falls this far behind. Kept small because
    /// whatever waits here is ahead of the next call frame: the connection's fairness between streams and unary calls
    /// (at most 64 KiB of stream frames per flush) only holds if little else is queued below it. The kernel's socket
    /// buffer does the rest of the buffering.
    /// </summary>
    public static PipeOptions ForSend { get; } = new(
        pauseWriterThreshold: 256 * 1024,
        resumeWriterThreshold: 128 * 1024,
        useSynchronizationContext: false);
}

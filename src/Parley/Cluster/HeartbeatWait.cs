using Parley.Connections;

namespace Parley.Cluster;

/// <summary>
/// Waits for a heartbeat's answer without counting a stall of this process against the peer: when the timeout's
/// timer came late enough to mean a <see cref="LocalStall"/>, the peer gets the whole timeout once more.
/// </summary>
internal static class HeartbeatWait
{
    /// <summary>True when <paramref name="answer"/> completes with true in time; false when it does not, or when cancelled.</summary>
    public static async Task<bool> AnsweredAsync(Task<bool> answer, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                return await answer.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                if (!LocalStall.Detected(time.GetElapsedTime(started) - timeout, timeout))
                {
                    return false; // the timer was on time: the silence is the peer's
                }

                started = time.GetTimestamp();
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }
}

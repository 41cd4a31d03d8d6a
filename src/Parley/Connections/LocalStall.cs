namespace Parley.Connections;

/// <summary>
/// A timer judging a peer that fires far behind its time means this process stood still (a long GC pause, a starved
/// thread pool, a suspended VM): the peer's answer may be waiting unread, so the silence it measured is not the peer's.
/// Keepalive and cluster heartbeats both give the peer its whole timeout again after one.
/// </summary>
internal static class LocalStall
{
    /// <summary>True when a timer that judges a peer within <paramref name="timeout"/> came a quarter of it late, or more.</summary>
    public static bool Detected(TimeSpan lateness, TimeSpan timeout) => lateness >= timeout / 4;
}

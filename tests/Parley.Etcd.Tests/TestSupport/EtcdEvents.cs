using Parley.Tests.TestSupport;

namespace Parley.Etcd.Tests.TestSupport;

/// <summary>The ids of the events the registry logs (docs/etcd.md lists them), and how often a test's logs hold one.</summary>
public static class EtcdEvents
{
    public const int RegisterFailed = 701;
    public const int LeaseLost = 703;
    public const int Reregistered = 704;
    public const int Superseded = 705;
    public const int DeregisterFailed = 706;
    public const int WatchFailed = 707;
    public const int WatchCompacted = 708;
    public const int InvalidValue = 709;
    public const int WatchResumed = 710;

    public static int Count(this CapturingLoggerProvider logs, int eventId) => logs.Entries.Count(e => e.EventId.Id == eventId);
}

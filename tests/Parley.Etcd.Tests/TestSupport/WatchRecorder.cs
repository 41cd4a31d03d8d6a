using System.Runtime.CompilerServices;
using Parley.Discovery;
using Parley.Tests.TestSupport;

namespace Parley.Etcd.Tests.TestSupport;

/// <summary>
/// Watches a service in the background and keeps every snapshot the watch yields, so that a test can wait for a state
/// and then check everything the watcher was shown on the way. Disposing cancels the watch and fails the test if the
/// watch did not end quietly.
/// </summary>
public sealed class WatchRecorder : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ServiceSnapshot> _snapshots = [];
    private readonly Task _watching;

    private WatchRecorder(IServiceRegistry registry, string service) => _watching = WatchAsync(registry, service);

    /// <summary>Every snapshot so far, oldest first.</summary>
    public IReadOnlyList<ServiceSnapshot> Snapshots
    {
        get
        {
            lock (_snapshots)
            {
                return [.. _snapshots];
            }
        }
    }

    public ServiceSnapshot? Latest
    {
        get
        {
            lock (_snapshots)
            {
                return _snapshots.Count == 0 ? null : _snapshots[^1];
            }
        }
    }

    public static WatchRecorder Start(IServiceRegistry registry, string service) => new(registry, service);

    /// <summary>Waits until the newest snapshot shows exactly the instances <paramref name="ids"/>, and returns it.</summary>
    public Task<ServiceSnapshot> WaitForIdsAsync(string[] ids, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        WaitForAsync(s => s.Instances.Select(i => i.Id).SequenceEqual(ids), $"the watcher sees [{string.Join(", ", ids)}]", file, line);

    /// <summary>Waits until the newest snapshot satisfies <paramref name="condition"/>, and returns it.</summary>
    public async Task<ServiceSnapshot> WaitForAsync(
        Func<ServiceSnapshot, bool> condition, string what, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        try
        {
            await TaskTimeouts.WaitUntilAsync(() => Latest is { } latest && condition(latest), what, file, line);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; the watcher saw {Describe()}", ex);
        }

        return Latest!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching.DefaultTimeout();
        _stop.Dispose();
    }

    private async Task WatchAsync(IServiceRegistry registry, string service)
    {
        await Task.Yield();
        await foreach (var snapshot in registry.WatchAsync(service, _stop.Token))
        {
            lock (_snapshots)
            {
                _snapshots.Add(snapshot);
            }
        }
    }

    private string Describe() =>
        string.Join(" then ", Snapshots.Select(s => $"[{string.Join(", ", s.Instances.Select(i => $"{i.Id}:{i.Health}"))}]@{s.Revision}"));
}

using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Parley.Discovery;

namespace Parley.Etcd.Internal;

/// <summary>
/// Follows one service in etcd and writes a snapshot each time its set of instances changes. A round reads all of the
/// service's keys (revision R), then watches them from R + 1 and applies each answer's events. When etcd says the watch
/// fell behind a compaction, or the watch fails (etcd unreachable, the connection dropped, the check found it dead),
/// the next round starts again with a full read, so that no change is ever lost; after a failure it first waits
/// (backoff). Snapshots are written only when the set changed, so a reconnect that finds nothing new writes nothing.
/// </summary>
internal sealed class ServiceWatch(string service, byte[] serviceKey, EtcdGateway gateway, EtcdRegistryOptions options, ILogger logger)
{
    private readonly InstanceSet _instances = new(service, serviceKey, logger);
    private readonly Backoff _backoff = new(options.RetryInitialBackoff, options.RetryMaxBackoff);
    private ServiceSnapshot? _last;
    private bool _failed;

    /// <summary>Runs until <paramref name="cancellationToken"/> fires, then completes <paramref name="snapshots"/>. Never throws.</summary>
    public async Task RunAsync(ChannelWriter<ServiceSnapshot> snapshots, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await ReadAndFollowAsync(snapshots, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    if (ex is EtcdException { IsUnreachable: true, Endpoint: { } endpoint })
                    {
                        gateway.MoveOn(endpoint);
                    }

                    _failed = true;
                    var delay = _backoff.Next();
                    EtcdLog.WatchFailed(logger, service, delay, ex);
                    await Task.Delay(delay, options.TimeProvider, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            snapshots.TryComplete();
        }
    }

    /// <summary>One round: returns when the watch fell behind a compaction (read again at once); throws when it failed.</summary>
    private async Task ReadAndFollowAsync(ChannelWriter<ServiceSnapshot> snapshots, CancellationToken cancellationToken)
    {
        var range = await gateway.RangeAsync(serviceKey, cancellationToken);
        _instances.Reset(range.Kvs);
        Publish(snapshots, range.Header.Revision);

        var from = range.Header.Revision + 1;
        using var stream = await gateway.WatchAsync(serviceKey, from, cancellationToken);
        using var streamStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var check = new StrongBox<Exception?>(null);
        var checking = CheckAsync(stream.Endpoint, check, streamStop);
        try
        {
            while (await stream.ReadAsync(streamStop.Token) is { } response)
            {
                if (response.CompactRevision > 0)
                {
                    // Events up to the compacted revision are gone (a removal among them too): only a full read can
                    // tell the true state now.
                    EtcdLog.WatchCompacted(logger, service, response.CompactRevision);
                    return;
                }

                if (response.Canceled)
                {
                    throw new EtcdException($"etcd cancelled the watch of {service}: {response.CancelReason}", code: null, stream.Endpoint);
                }

                if (response.Created)
                {
                    if (_failed)
                    {
                        _failed = false;
                        EtcdLog.WatchResumed(logger, service, from);
                    }

                    _backoff.Reset();
                }

                if (response.Events is { Count: > 0 } events)
                {
                    var revision = 0L;
                    foreach (var change in events)
                    {
                        if (change.IsDelete)
                        {
                            _instances.Delete(change.Kv);
                        }
                        else
                        {
                            _instances.Put(change.Kv);
                        }

                        revision = Math.Max(revision, change.Kv.ModRevision);
                    }

                    Publish(snapshots, revision);
                }
            }

            throw new EtcdException($"etcd at {stream.Endpoint} ended the watch of {service}.", code: null, stream.Endpoint);
        }
        catch (OperationCanceledException) when (check.Value is not null && !cancellationToken.IsCancellationRequested)
        {
            throw new EtcdException($"The watch of {service} on {stream.Endpoint} got no answer to its check.", code: null, stream.Endpoint, check.Value);
        }
        finally
        {
            await streamStop.CancelAsync();
            await checking;
        }
    }

    /// <summary>
    /// While the watch is open, checks every <see cref="EtcdRegistryOptions.WatchCheckInterval"/> that its member still
    /// answers; when it does not, records why and stops the watch. A watch on a connection that died without closing
    /// would otherwise wait forever, since a quiet service sends nothing either.
    /// </summary>
    private async Task CheckAsync(Uri endpoint, StrongBox<Exception?> failure, CancellationTokenSource streamStop)
    {
        if (options.WatchCheckInterval == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        try
        {
            while (true)
            {
                await Task.Delay(options.WatchCheckInterval, options.TimeProvider, streamStop.Token);
                await gateway.CountAsync(endpoint, serviceKey, streamStop.Token);
            }
        }
        catch (OperationCanceledException) when (streamStop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            failure.Value = ex;
            await streamStop.CancelAsync();
        }
    }

    private void Publish(ChannelWriter<ServiceSnapshot> snapshots, long revision)
    {
        var instances = _instances.ToList();
        if (_last is not null && _last.Instances.SequenceEqual(instances))
        {
            return;
        }

        // etcd that lost its data counts revisions from 1 again; the snapshots' revisions keep growing regardless.
        _last = new ServiceSnapshot(service, instances, _last is null ? revision : Math.Max(revision, _last.Revision + 1));
        snapshots.TryWrite(_last);
    }
}

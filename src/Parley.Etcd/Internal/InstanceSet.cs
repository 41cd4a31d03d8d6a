using System.Text;
using Microsoft.Extensions.Logging;
using Parley.Discovery;
using static Parley.Etcd.Internal.KvMessages;

namespace Parley.Etcd.Internal;

/// <summary>
/// The instances of one service as read from its keys, by id. A value that is not an instance (written by another
/// program, or damaged) is logged and left out; it never stops the reading. Not thread-safe.
/// </summary>
internal sealed class InstanceSet(string service, byte[] serviceKey, ILogger logger)
{
    private readonly SortedDictionary<string, ServiceInstance> _instances = new(StringComparer.Ordinal);

    /// <summary>Starts over from a full read of the service's keys.</summary>
    public void Reset(IReadOnlyList<KeyValue>? keys)
    {
        _instances.Clear();
        foreach (var key in keys ?? [])
        {
            Put(key);
        }
    }

    public void Put(KeyValue key)
    {
        var id = EtcdKeys.IdOf(key.Key, serviceKey);
        if (id is null)
        {
            EtcdLog.InvalidValue(logger, Encoding.UTF8.GetString(key.Key), "the key has no instance id after the service's prefix");
            return;
        }

        if (InstanceValue.TryDecode(service, id, key.Value, out var instance, out var problem))
        {
            _instances[id] = instance;
        }
        else
        {
            // What was there before is gone: the key holds something else now.
            _instances.Remove(id);
            EtcdLog.InvalidValue(logger, Encoding.UTF8.GetString(key.Key), problem);
        }
    }

    public void Delete(KeyValue key)
    {
        if (EtcdKeys.IdOf(key.Key, serviceKey) is { } id)
        {
            _instances.Remove(id);
        }
    }

    /// <summary>The instances now, ordered by id.</summary>
    public IReadOnlyList<ServiceInstance> ToList() => [.. _instances.Values];
}

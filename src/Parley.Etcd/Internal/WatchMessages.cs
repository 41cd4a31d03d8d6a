using System.Text.Json;
using static Parley.Etcd.Internal.KvMessages;

namespace Parley.Etcd.Internal;

/// <summary>The watch messages of etcd's v3 API as its JSON gateway carries them: one request, then one JSON document
/// per line for each answer.</summary>
internal static class WatchMessages
{
    public sealed record WatchCreateRequest(byte[] Key, byte[] RangeEnd, long StartRevision);

    public sealed record WatchRequest(WatchCreateRequest CreateRequest);

    /// <summary>An event; <see cref="Type"/> is <c>DELETE</c>, or absent for a put (the default value is left out).</summary>
    public sealed record WatchEvent(string? Type, KeyValue Kv)
    {
        public bool IsDelete => Type == "DELETE";
    }

    /// <summary>
    /// One answer of the watch. <see cref="CompactRevision"/> above 0 means the revision asked for was compacted away:
    /// etcd cancels the watch, and events up to that revision can no longer be had.
    /// </summary>
    public sealed record WatchResponse(
        ResponseHeader? Header, bool Created, bool Canceled, long CompactRevision, string? CancelReason, IReadOnlyList<WatchEvent>? Events);

    public sealed record WatchLine(WatchResponse? Result, JsonElement? Error);
}

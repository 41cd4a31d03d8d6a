using System.Text.Json;
using System.Text.Json.Serialization;
using static Parley.Etcd.Internal.KvMessages;

namespace Parley.Etcd.Internal;

/// <summary>The lease messages of etcd's v3 API as its JSON gateway carries them (their fields are named <c>ID</c> and <c>TTL</c>).</summary>
internal static class LeaseMessages
{
    public sealed record LeaseGrantRequest([property: JsonPropertyName("TTL")] long Ttl);

    public sealed record LeaseGrantResponse(
        ResponseHeader Header,
        [property: JsonPropertyName("ID")] long Id,
        [property: JsonPropertyName("TTL")] long Ttl,
        string? Error);

    /// <summary>The request of keepalive and revoke: the lease's id.</summary>
    public sealed record LeaseRequest([property: JsonPropertyName("ID")] long Id);

    /// <summary>A keepalive answer; a <see cref="Ttl"/> of 0 or less means etcd no longer has the lease.</summary>
    public sealed record LeaseKeepAliveResponse(
        ResponseHeader Header,
        [property: JsonPropertyName("ID")] long Id,
        [property: JsonPropertyName("TTL")] long Ttl);

    /// <summary>Keepalive is a stream in the API, so the gateway wraps each answer as <c>{"result": …}</c> or <c>{"error": …}</c>.</summary>
    public sealed record LeaseKeepAliveLine(LeaseKeepAliveResponse? Result, JsonElement? Error);
}

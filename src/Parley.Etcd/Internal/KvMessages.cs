using System.Text.Json;

namespace Parley.Etcd.Internal;

/// <summary>
/// The key-value messages of etcd's v3 API as its JSON gateway carries them: keys and values are base64 (byte arrays),
/// 64-bit numbers are strings, and fields at their default value are left out of answers.
/// </summary>
internal static class KvMessages
{
    public sealed record ResponseHeader(long Revision);

    public sealed record KeyValue(byte[] Key, long CreateRevision, long ModRevision, byte[]? Value, long Lease);

    public sealed record RangeRequest(byte[] Key, byte[]? RangeEnd = null, bool? CountOnly = null);

    public sealed record RangeResponse(ResponseHeader Header, IReadOnlyList<KeyValue>? Kvs, long Count);

    public sealed record PutRequest(byte[] Key, byte[] Value, long Lease);

    public sealed record DeleteRangeRequest(byte[] Key, byte[]? RangeEnd = null);

    /// <summary>The answer to put, delete, compaction and lease revoke, of which only the header is read.</summary>
    public sealed record HeaderResponse(ResponseHeader Header);

    /// <summary>One condition of a transaction; <see cref="Target"/> names the field compared (<c>CREATE</c>, <c>LEASE</c>).</summary>
    public sealed record Compare(byte[] Key, string Target, string Result, long? CreateRevision = null, long? Lease = null);

    public sealed record RequestOp(PutRequest? RequestPut = null, DeleteRangeRequest? RequestDeleteRange = null, RangeRequest? RequestRange = null);

    public sealed record TxnRequest(IReadOnlyList<Compare> Compare, IReadOnlyList<RequestOp> Success, IReadOnlyList<RequestOp> Failure);

    public sealed record ResponseOp(RangeResponse? ResponseRange);

    public sealed record TxnResponse(ResponseHeader Header, bool Succeeded, IReadOnlyList<ResponseOp>? Responses);

    public sealed record CompactionRequest(long Revision, bool Physical);

    /// <summary>
    /// What the gateway answers instead of a message: <c>{"error": "...", "message": "...", "code": 5}</c> for a call, or
    /// <c>{"error": {"grpc_code": 5, "message": "..."}}</c> inside a stream.
    /// </summary>
    public sealed record ErrorResponse(JsonElement? Error, string? Message, int? Code);
}

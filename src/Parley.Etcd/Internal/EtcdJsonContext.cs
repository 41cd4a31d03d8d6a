using System.Text.Json.Serialization;
using static Parley.Etcd.Internal.KvMessages;
using static Parley.Etcd.Internal.LeaseMessages;
using static Parley.Etcd.Internal.WatchMessages;

namespace Parley.Etcd.Internal;

/// <summary>
/// Serialization of etcd's gateway messages: fields in snake_case as the gateway names them, 64-bit numbers as strings
/// (JSON cannot hold them exactly otherwise), absent fields left out.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RangeRequest))]
[JsonSerializable(typeof(RangeResponse))]
[JsonSerializable(typeof(PutRequest))]
[JsonSerializable(typeof(DeleteRangeRequest))]
[JsonSerializable(typeof(HeaderResponse))]
[JsonSerializable(typeof(TxnRequest))]
[JsonSerializable(typeof(TxnResponse))]
[JsonSerializable(typeof(CompactionRequest))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(LeaseGrantRequest))]
[JsonSerializable(typeof(LeaseGrantResponse))]
[JsonSerializable(typeof(LeaseRequest))]
[JsonSerializable(typeof(LeaseKeepAliveLine))]
[JsonSerializable(typeof(WatchRequest))]
[JsonSerializable(typeof(WatchLine))]
internal sealed partial class EtcdJsonContext : JsonSerializerContext;

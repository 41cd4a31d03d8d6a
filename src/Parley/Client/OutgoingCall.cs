using Parley.Codecs;
using Parley.Protocol;

namespace Parley.Client;

/// <summary>Everything needed to put one call on the wire.</summary>
internal readonly record struct OutgoingCall(
    string Service,
    string Method,
    object?[] Arguments,
    RpcCodec Codec,
    RpcMetadata? Metadata,
    TimeSpan Timeout);

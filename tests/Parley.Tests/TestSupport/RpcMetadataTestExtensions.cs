using Parley.Tests.TestSupport;
using Parley.Protocol;

namespace Parley.Tests.TestSupport;

public static class RpcMetadataTestExtensions
{
    /// <summary>Adds a protocol (':') entry, as the framework does internally; tests use it to hand-build requests.</summary>
    public static RpcMetadata AddReserved(this RpcMetadata metadata, string key, string value)
    {
        metadata.AddUnchecked(key, value);
        return metadata;
    }
}

using Parley.Codecs;

namespace Parley.Tests.Contracts;

/// <summary>The typed-call suite in JSON.</summary>
public sealed class JsonTypedCallTests : TypedCallTests
{
    protected override RpcCodec Codec => JsonRpcCodec.Default;
}

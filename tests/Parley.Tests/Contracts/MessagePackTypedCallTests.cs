using Parley.Codecs;
using Parley.Codecs.MessagePack;

namespace Parley.Tests.Contracts;

/// <summary>The typed-call suite in MessagePack.</summary>
public sealed class MessagePackTypedCallTests : TypedCallTests
{
    protected override RpcCodec Codec => MessagePackRpcCodec.Default;
}

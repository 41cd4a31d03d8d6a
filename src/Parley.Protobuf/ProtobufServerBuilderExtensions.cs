using Parley.Codecs;
using Parley.Server;

namespace Parley.Protobuf;

/// <summary>Registers the protobuf codec on a server.</summary>
public static class ProtobufServerBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ProtobufRpcCodec.Default"/> to the server's <see cref="RpcServerOptions.Codecs"/>, beside the
    /// codecs already there, so callers may use either. When the server's JSON codec is the untouched
    /// <see cref="JsonRpcCodec.Default"/>, it is replaced by <see cref="ProtobufJson.Codec"/>, which encodes every other
    /// type the same way but carries protobuf messages in the proto3 JSON mapping instead of losing their repeated,
    /// map and bytes fields. A JSON codec with custom options is left alone (add a <see cref="ProtobufJsonConverter"/>
    /// to its options). Calling this again changes nothing.
    /// </summary>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException">Another codec already uses the protobuf id (3).</exception>
    public static RpcServerBuilder AddProtobuf(this RpcServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var codecs = builder.Options.Codecs;
        var hasProtobuf = false;
        for (var i = 0; i < codecs.Count; i++)
        {
            if (ReferenceEquals(codecs[i], JsonRpcCodec.Default))
            {
                codecs[i] = ProtobufJson.Codec;
            }
            else if (codecs[i] is { Id: CodecIds.Protobuf } codec)
            {
                hasProtobuf = codec is ProtobufRpcCodec
                    ? true
                    : throw new InvalidOperationException(
                        $"The codec '{codec.Name}' already uses id {codec.Id}, the protobuf codec's id.");
            }
        }

        if (!hasProtobuf)
        {
            codecs.Add(ProtobufRpcCodec.Default);
        }

        return builder;
    }
}

using System.Text.Json;
using Parley.Codecs;

namespace Parley.Protobuf;

/// <summary>JSON for protobuf contracts: the proto3 JSON mapping inside Parley's JSON codec.</summary>
public static class ProtobufJson
{
    /// <summary>
    /// A JSON codec (id 1) with web defaults, like <see cref="JsonRpcCodec.Default"/>, that also reads and writes
    /// protobuf messages in the proto3 JSON mapping (<see cref="ProtobufJsonConverter"/>). Other types are encoded
    /// exactly as by the default JSON codec. Use it on a client that calls protobuf contracts in JSON; servers get it
    /// from <see cref="ProtobufServerBuilderExtensions.AddProtobuf"/>. Thread-safe.
    /// </summary>
    public static JsonRpcCodec Codec { get; } = new(CreateOptions());

    /// <summary>Web-default <see cref="JsonSerializerOptions"/> with a <see cref="ProtobufJsonConverter"/> added.</summary>
    /// <returns>New, still mutable options: add your own settings before giving them to a codec.</returns>
    public static JsonSerializerOptions CreateOptions() =>
        new(JsonSerializerDefaults.Web) { Converters = { new ProtobufJsonConverter() } };
}

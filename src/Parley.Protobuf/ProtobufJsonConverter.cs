using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Protobuf;

namespace Parley.Protobuf;

/// <summary>
/// Lets System.Text.Json read and write protobuf messages in the canonical proto3 JSON mapping (Google.Protobuf's
/// <see cref="JsonFormatter"/> and <see cref="MessageParser.ParseJson"/>): repeated fields, maps, bytes (base64), oneofs,
/// enums (by name) and 64-bit integers (as strings) all survive, which plain System.Text.Json does not manage.
/// Add it to the <see cref="JsonSerializerOptions"/> of a JSON codec that must carry messages. Thread-safe.
/// </summary>
/// <remarks>Unknown JSON fields are an error when reading, as in Google.Protobuf's default parser.</remarks>
public sealed class ProtobufJsonConverter : JsonConverterFactory
{
    /// <summary>True for concrete protobuf message types (those with a static <c>Parser</c>).</summary>
    public override bool CanConvert(Type typeToConvert) =>
        typeof(IMessage).IsAssignableFrom(typeToConvert) && MessageTypes.Get(typeToConvert).Parser is not null;

    /// <inheritdoc/>
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var parser = MessageTypes.Get(typeToConvert).Parser
            ?? throw new ArgumentException($"{typeToConvert.Name} is not a concrete protobuf message type.", nameof(typeToConvert));
        var converter = typeof(MessageJsonConverter<>).MakeGenericType(typeToConvert);
        return (JsonConverter)Activator.CreateInstance(converter, parser)!;
    }
}

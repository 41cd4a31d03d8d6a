using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Protobuf;

namespace Parley.Protobuf;

/// <summary>The converter <see cref="ProtobufJsonConverter"/> makes for one message type.</summary>
internal sealed class MessageJsonConverter<T>(MessageParser parser) : JsonConverter<T>
    where T : IMessage
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Google.Protobuf parses JSON from text, so the value is cut out of the stream as a string first.
        using var document = JsonDocument.ParseValue(ref reader);
        try
        {
            return (T)parser.ParseJson(document.RootElement.GetRawText());
        }
        catch (InvalidProtocolBufferException ex)
        {
            // The usual cause is a .NET caller whose JSON codec lacks this converter; say what the server expects.
            throw new JsonException(
                $"{typeof(T).Name} is not in the proto3 JSON mapping ({ex.Message}); .NET callers send it with ProtobufJson.Codec", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteRawValue(JsonFormatter.Default.Format(value), skipInputValidation: true);
}

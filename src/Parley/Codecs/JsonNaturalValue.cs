using System.Text.Json;

namespace Parley.Codecs;

/// <summary>Reads any JSON value as plain .NET values, for untyped calls that have no declared result type.</summary>
internal static class JsonNaturalValue
{
    /// <summary>Reads the value at the reader's current token, leaving the reader on the value's last token.</summary>
    public static object? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                // Boxed separately: a conditional expression would promote the long to double.
                return reader.TryGetInt64(out var integer) ? (object)integer : reader.GetDouble();
            case JsonTokenType.StartArray:
                var items = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref reader));
                }

                return items.ToArray();
            case JsonTokenType.StartObject:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    map[name] = Read(ref reader);
                }

                return map;
            default:
                throw new JsonException($"unexpected JSON token {reader.TokenType}");
        }
    }
}

using System.Buffers;
using System.Text.Json;

namespace Parley.Codecs;

/// <summary>
/// The JSON codec (id 1), on System.Text.Json with web defaults (camelCase properties, case-insensitive reads).
/// Arguments travel as a JSON array, a result as a single JSON value; a void result is an empty payload.
/// Thread-safe.
/// </summary>
public sealed class JsonRpcCodec : RpcCodec
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static JsonRpcCodec? t_writerOwner;

    private readonly JsonSerializerOptions _options;
    private readonly JsonWriterOptions _writerOptions;

    /// <summary>Creates the codec with <paramref name="options"/>, or web defaults when null.</summary>
    public JsonRpcCodec(JsonSerializerOptions? options = null)
    {
        _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
        _options.MakeReadOnly(populateMissingResolver: true);
        _writerOptions = new JsonWriterOptions
        {
            Encoder = _options.Encoder,
            Indented = _options.WriteIndented,
            MaxDepth = _options.MaxDepth,
            SkipValidation = false,
        };
    }

    /// <summary>A shared instance with web defaults.</summary>
    public static JsonRpcCodec Default { get; } = new();

    /// <inheritdoc/>
    public override byte Id => CodecIds.Json;

    /// <inheritdoc/>
    public override string Name => "json";

    /// <summary>
    /// True for any types, except Google.Protobuf messages when no converter in the options handles them: plain JSON
    /// would silently lose their repeated and map fields. (Parley.Protobuf's ProtobufJson.Codec has such a converter.)
    /// </summary>
    public override bool CanCarry(ReadOnlySpan<Type> argumentTypes, Type? resultType, out string? reason)
    {
        foreach (var type in argumentTypes)
        {
            if (!CanEncode(type, out reason))
            {
                return false;
            }
        }

        reason = null;
        return resultType is null || CanEncode(resultType, out reason);
    }

    private bool CanEncode(Type type, out string? reason)
    {
        // Recognised by name so that the core needs no reference to Google.Protobuf.
        var isProtobufMessage = type.GetInterface("Google.Protobuf.IMessage") is not null;
        if (isProtobufMessage && !_options.Converters.Any(converter => converter.CanConvert(type)))
        {
            reason = $"{type.Name} is a Google.Protobuf message, which plain JSON would encode wrongly; " +
                "use ProtobufJson.Codec from Parley.Protobuf";
            return false;
        }

        reason = null;
        return true;
    }

    /// <inheritdoc/>
    public override void Serialize(IBufferWriter<byte> output, object? value, Type type)
    {
        var writer = RentWriter(output);
        JsonSerializer.Serialize(writer, value, type, _options);
        writer.Flush();
    }

    /// <inheritdoc/>
    public override object? Deserialize(ReadOnlySequence<byte> input, Type type)
    {
        if (input.IsEmpty)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        var reader = new Utf8JsonReader(input);
        if (type == typeof(object))
        {
            reader.Read();
            var value = JsonNaturalValue.Read(ref reader);
            EnsureEnd(ref reader);
            return value;
        }

        var result = JsonSerializer.Deserialize(ref reader, type, _options);
        EnsureEnd(ref reader);
        return result;
    }

    /// <inheritdoc/>
    public override void SerializeArguments(IBufferWriter<byte> output, ReadOnlySpan<object?> arguments)
    {
        var writer = RentWriter(output);
        writer.WriteStartArray();
        foreach (var argument in arguments)
        {
            JsonSerializer.Serialize(writer, argument, argument?.GetType() ?? typeof(object), _options);
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    /// <inheritdoc/>
    public override object?[] DeserializeArguments(ReadOnlySequence<byte> input, ReadOnlySpan<Type> parameterTypes)
    {
        if (input.IsEmpty)
        {
            return parameterTypes.Length == 0 ? [] : throw CountMismatch(parameterTypes.Length, 0);
        }

        var reader = new Utf8JsonReader(input);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("arguments must be a JSON array");
        }

        var values = new object?[parameterTypes.Length];
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count < values.Length)
            {
                values[count] = parameterTypes[count] == typeof(object)
                    ? JsonNaturalValue.Read(ref reader)
                    : JsonSerializer.Deserialize(ref reader, parameterTypes[count], _options);
            }
            else
            {
                reader.Skip();
            }

            count++;
        }

        if (count != values.Length)
        {
            throw CountMismatch(values.Length, count);
        }

        EnsureEnd(ref reader);
        return values;
    }

    private static JsonException CountMismatch(int expected, int actual) =>
        new($"expected {expected} argument(s), got {actual}");

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException("unexpected data after the JSON value");
        }
    }

    private Utf8JsonWriter RentWriter(IBufferWriter<byte> output)
    {
        // Serialisation is synchronous, so one writer per thread is enough; Reset points it at the new output.
        // The cached writer carries its codec's writer options, so a codec with other options makes its own.
        if (t_writer is null || !ReferenceEquals(t_writerOwner, this))
        {
            t_writer = new Utf8JsonWriter(output, _writerOptions);
            t_writerOwner = this;
            return t_writer;
        }

        t_writer.Reset(output);
        return t_writer;
    }
}

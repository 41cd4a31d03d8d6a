using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Parley.Codecs.MessagePack;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>
/// The tagged JSON form of values that the reference peers read and write (see Interop/msgpack_peer.py), written
/// straight from plain .NET values in one side's <see cref="TaggedView"/>, and the canonical text of what a peer
/// answered, so that both compare as strings.
/// </summary>
internal static class Tagged
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    public static string Json(object? value, TaggedView view)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            Write(writer, value, view);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>The answer of a peer re-written by the same writer, so escaping and spacing match <see cref="Json"/>.</summary>
    public static string Canonical(JsonElement element)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, object? value, TaggedView view)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case null:
                writer.WriteString("t", "nil");
                break;
            case bool flag:
                writer.WriteString("t", "bool");
                writer.WriteBoolean("v", flag);
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong:
                WriteInteger(writer, value, view);
                break;
            case double number:
                WriteFloat(writer, number, "float", view);
                break;
            case float number:
                WriteFloat(writer, number, "float32", view);
                break;
            case string text:
                writer.WriteString("t", "str");
                writer.WriteString("v", text);
                break;
            case byte[] bytes:
                writer.WriteString("t", "bin");
                writer.WriteString("v", Bytes.ToHex(bytes));
                break;
            case DateTimeOffset instant:
                WriteTimestamp(writer, MessagePackTimestamp.FromDateTimeOffset(instant), view);
                break;
            case MessagePackTimestamp timestamp:
                WriteTimestamp(writer, timestamp, view);
                break;
            case MessagePackExtension extension:
                writer.WriteString("t", "ext");
                writer.WriteNumber("type", extension.Type);
                writer.WriteString("v", Bytes.ToHex(extension.Data.Span));
                break;
            case IDictionary map:
                writer.WriteString("t", "map");
                writer.WriteStartArray("v");
                var entries = map.GetEnumerator();
                while (entries.MoveNext())
                {
                    writer.WriteStartArray();
                    Write(writer, entries.Key, view);
                    Write(writer, entries.Value, view);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                break;
            case IEnumerable items:
                writer.WriteString("t", "array");
                writer.WriteStartArray("v");
                foreach (var item in items)
                {
                    Write(writer, item, view);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"no tagged form for {value.GetType()}", nameof(value));
        }

        writer.WriteEndObject();
    }

    private static void WriteInteger(Utf8JsonWriter writer, object value, TaggedView view)
    {
        if (view == TaggedView.DecodedByJavaScript && value is not ulong && Convert.ToInt64(value, CultureInfo.InvariantCulture) is >= int.MinValue and <= uint.MaxValue)
        {
            writer.WriteString("t", "number");
            writer.WriteString("v", Bits(Convert.ToInt64(value, CultureInfo.InvariantCulture)));
            return;
        }

        writer.WriteString("t", "int");
        writer.WriteString("v", Convert.ToString(value, CultureInfo.InvariantCulture));
    }

    private static void WriteFloat(Utf8JsonWriter writer, double number, string tag, TaggedView view)
    {
        writer.WriteString("t", view switch
        {
            TaggedView.DecodedByJavaScript => "number",
            TaggedView.Written => tag,
            _ => "float",
        });
        writer.WriteString("v", view == TaggedView.Written && tag == "float32"
            ? BitConverter.SingleToUInt32Bits((float)number).ToString("x8", CultureInfo.InvariantCulture)
            : Bits(number));
    }

    private static void WriteTimestamp(Utf8JsonWriter writer, MessagePackTimestamp timestamp, TaggedView view)
    {
        if (view == TaggedView.DecodedByParley && timestamp.FitsDateTime)
        {
            timestamp = MessagePackTimestamp.FromDateTimeOffset(timestamp.ToDateTimeOffset());
        }

        writer.WriteString("t", "timestamp");
        writer.WriteString("sec", timestamp.Seconds.ToString(CultureInfo.InvariantCulture));
        writer.WriteNumber("nsec", timestamp.Nanoseconds);
    }

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);
}

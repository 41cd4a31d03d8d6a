using System.Collections;

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// The non-generic IDictionary as a map, keys and values written by their runtime types; read back as a dictionary of
/// plain values (see <see cref="NaturalFormatter"/>). Null as nil.
/// </summary>
internal sealed class NonGenericDictionaryFormatter : MessagePackFormatter<IDictionary?>
{
    public override void Write(ref MessagePackWriter writer, IDictionary? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        var natural = FormatterCache<object?>.Formatter;
        writer.EnterContainer();
        writer.WriteMapHeader(value.Count);
        var enumerator = value.GetEnumerator();
        while (enumerator.MoveNext())
        {
            natural.Write(ref writer, enumerator.Key);
            natural.Write(ref writer, enumerator.Value);
        }

        writer.ExitContainer();
    }

    public override IDictionary? Read(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var code = reader.PeekCode();
        if (MessagePackFormat.TypeOf(code) != MessagePackType.Map)
        {
            throw new MessagePackSerializationException(
                $"expected map for IDictionary but found {MessagePackFormat.Describe(code)}", reader.Consumed);
        }

        return (IDictionary)FormatterCache<object?>.Formatter.Read(ref reader)!;
    }
}

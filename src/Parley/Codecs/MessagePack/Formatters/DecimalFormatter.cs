using System.Globalization;

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// decimal as a str in invariant culture, which keeps all 28-29 digits and the scale ("1.10"); MessagePack has no
/// decimal type and a float 64 would round. Reads such a str, or any int.
/// </summary>
internal sealed class DecimalFormatter : MessagePackFormatter<decimal>
{
    public override void Write(ref MessagePackWriter writer, decimal value)
    {
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var length, provider: CultureInfo.InvariantCulture);
        writer.WriteString(text[..length]);
    }

    public override decimal Read(ref MessagePackReader reader)
    {
        var offset = reader.Consumed;
        if (reader.PeekType() == MessagePackType.Integer)
        {
            var integer = reader.ReadNaturalInteger();
            return integer is ulong large ? large : (long)integer;
        }

        var text = reader.ReadNonNilString(nameof(Decimal));
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MessagePackSerializationException($"\"{Shorten(text)}\" is not a decimal number", offset);
    }

    private static string? Shorten(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text;
}

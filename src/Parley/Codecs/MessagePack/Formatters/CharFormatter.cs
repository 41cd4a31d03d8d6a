namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>char as a str of that one character (as the JSON codec writes it); reads a str of exactly one UTF-16 unit.</summary>
internal sealed class CharFormatter : MessagePackFormatter<char>
{
    public override void Write(ref MessagePackWriter writer, char value) => writer.WriteString(new ReadOnlySpan<char>(in value));

    public override char Read(ref MessagePackReader reader)
    {
        var offset = reader.Consumed;
        var text = reader.ReadString(nameof(Char));
        return text is { Length: 1 }
            ? text[0]
            : throw new MessagePackSerializationException(
                $"expected a str of one character for Char but found {(text is null ? "nil" : $"{text.Length} characters")}", offset);
    }
}

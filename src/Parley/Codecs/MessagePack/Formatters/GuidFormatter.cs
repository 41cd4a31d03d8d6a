namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>Guid as a str in the "D" form (36 characters, lower case, with hyphens); reads any form Guid.TryParse accepts.</summary>
internal sealed class GuidFormatter : MessagePackFormatter<Guid>
{
    public override void Write(ref MessagePackWriter writer, Guid value)
    {
        Span<char> text = stackalloc char[36];
        value.TryFormat(text, out _, "D");
        writer.WriteString(text);
    }

    public override Guid Read(ref MessagePackReader reader)
    {
        var offset = reader.Consumed;
        var text = reader.ReadNonNilString(nameof(Guid));
        return Guid.TryParse(text, out var value)
            ? value
            : throw new MessagePackSerializationException("expected a Guid as a str in the \"D\" form", offset);
    }
}

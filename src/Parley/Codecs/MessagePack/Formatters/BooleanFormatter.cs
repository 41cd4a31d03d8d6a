namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>bool as true/false.</summary>
internal sealed class BooleanFormatter : MessagePackFormatter<bool>
{
    public override void Write(ref MessagePackWriter writer, bool value) => writer.WriteBoolean(value);

    public override bool Read(ref MessagePackReader reader) => reader.ReadBoolean();
}

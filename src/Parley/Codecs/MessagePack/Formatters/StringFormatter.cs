namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>string as str (UTF-8); null as nil.</summary>
internal sealed class StringFormatter : MessagePackFormatter<string?>
{
    public override void Write(ref MessagePackWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNil();
        }
        else
        {
            writer.WriteString(value);
        }
    }

    public override string? Read(ref MessagePackReader reader) => reader.ReadString();
}

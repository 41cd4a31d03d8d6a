namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>MessagePackExtension as the ext format of its length; null as nil.</summary>
internal sealed class ExtensionFormatter : MessagePackFormatter<MessagePackExtension?>
{
    public override void Write(ref MessagePackWriter writer, MessagePackExtension? value)
    {
        if (value is null)
        {
            writer.WriteNil();
        }
        else
        {
            writer.WriteExtension(value.Type, value.Data.Span);
        }
    }

    public override MessagePackExtension? Read(ref MessagePackReader reader) =>
        reader.TryReadNil() ? null : reader.ReadExtension();
}

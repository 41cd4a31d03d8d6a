namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>byte[] as bin; null as nil. Reads bin, or str from peers that use the old raw type for bytes.</summary>
internal sealed class ByteArrayFormatter : MessagePackFormatter<byte[]?>
{
    public override void Write(ref MessagePackWriter writer, byte[]? value)
    {
        if (value is null)
        {
            writer.WriteNil();
        }
        else
        {
            writer.WriteBinary(value);
        }
    }

    public override byte[]? Read(ref MessagePackReader reader) => reader.ReadBinary();
}

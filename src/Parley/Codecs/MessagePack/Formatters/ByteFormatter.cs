namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>byte as the smallest int format; reads any int format that fits.</summary>
internal sealed class ByteFormatter : MessagePackFormatter<byte>
{
    public override void Write(ref MessagePackWriter writer, byte value) => writer.WriteUInt64(value);

    public override byte Read(ref MessagePackReader reader) => (byte)reader.ReadUInt64(byte.MaxValue, nameof(Byte));
}

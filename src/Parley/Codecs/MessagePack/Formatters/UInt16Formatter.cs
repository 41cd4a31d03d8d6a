namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>ushort as the smallest int format; reads any int format that fits.</summary>
internal sealed class UInt16Formatter : MessagePackFormatter<ushort>
{
    public override void Write(ref MessagePackWriter writer, ushort value) => writer.WriteUInt64(value);

    public override ushort Read(ref MessagePackReader reader) => (ushort)reader.ReadUInt64(ushort.MaxValue, nameof(UInt16));
}

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>uint as the smallest int format; reads any int format that fits.</summary>
internal sealed class UInt32Formatter : MessagePackFormatter<uint>
{
    public override void Write(ref MessagePackWriter writer, uint value) => writer.WriteUInt64(value);

    public override uint Read(ref MessagePackReader reader) => (uint)reader.ReadUInt64(uint.MaxValue, nameof(UInt32));
}

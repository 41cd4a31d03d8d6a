namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>ulong as the smallest int format; reads any int format that fits.</summary>
internal sealed class UInt64Formatter : MessagePackFormatter<ulong>
{
    public override void Write(ref MessagePackWriter writer, ulong value) => writer.WriteUInt64(value);

    public override ulong Read(ref MessagePackReader reader) => reader.ReadUInt64();
}

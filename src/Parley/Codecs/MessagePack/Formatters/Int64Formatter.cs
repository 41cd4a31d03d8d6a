namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>long as the smallest int format; reads any int format that fits.</summary>
internal sealed class Int64Formatter : MessagePackFormatter<long>
{
    public override void Write(ref MessagePackWriter writer, long value) => writer.WriteInt64(value);

    public override long Read(ref MessagePackReader reader) => reader.ReadInt64();
}

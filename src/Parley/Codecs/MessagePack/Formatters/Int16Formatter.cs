namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>short as the smallest int format; reads any int format that fits.</summary>
internal sealed class Int16Formatter : MessagePackFormatter<short>
{
    public override void Write(ref MessagePackWriter writer, short value) => writer.WriteInt64(value);

    public override short Read(ref MessagePackReader reader) => (short)reader.ReadInteger(short.MinValue, short.MaxValue, nameof(Int16));
}

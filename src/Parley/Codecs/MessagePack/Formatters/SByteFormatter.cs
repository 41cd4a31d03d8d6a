namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>sbyte as the smallest int format; reads any int format that fits.</summary>
internal sealed class SByteFormatter : MessagePackFormatter<sbyte>
{
    public override void Write(ref MessagePackWriter writer, sbyte value) => writer.WriteInt64(value);

    public override sbyte Read(ref MessagePackReader reader) => (sbyte)reader.ReadInteger(sbyte.MinValue, sbyte.MaxValue, nameof(SByte));
}

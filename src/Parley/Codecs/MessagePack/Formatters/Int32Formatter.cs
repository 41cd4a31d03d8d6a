namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>int as the smallest int format; reads any int format that fits.</summary>
internal sealed class Int32Formatter : MessagePackFormatter<int>
{
    public override void Write(ref MessagePackWriter writer, int value) => writer.WriteInt64(value);

    public override int Read(ref MessagePackReader reader) => (int)reader.ReadInteger(int.MinValue, int.MaxValue, nameof(Int32));
}

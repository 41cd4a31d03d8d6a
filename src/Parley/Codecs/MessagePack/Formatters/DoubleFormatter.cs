namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>double as float 64; reads float 32, float 64 and any int.</summary>
internal sealed class DoubleFormatter : MessagePackFormatter<double>
{
    public override void Write(ref MessagePackWriter writer, double value) => writer.WriteDouble(value);

    public override double Read(ref MessagePackReader reader) => reader.ReadDouble();
}

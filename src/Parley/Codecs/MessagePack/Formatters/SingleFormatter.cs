namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>float as float 32; reads float 32, float 64 (narrowed) and any int.</summary>
internal sealed class SingleFormatter : MessagePackFormatter<float>
{
    public override void Write(ref MessagePackWriter writer, float value) => writer.WriteSingle(value);

    public override float Read(ref MessagePackReader reader) => (float)reader.ReadDouble(nameof(Single));
}

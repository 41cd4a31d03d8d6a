namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>Memory&lt;byte&gt; as bin; nil reads as empty.</summary>
internal sealed class MemoryFormatter : MessagePackFormatter<Memory<byte>>
{
    public override void Write(ref MessagePackWriter writer, Memory<byte> value) => writer.WriteBinary(value.Span);

    public override Memory<byte> Read(ref MessagePackReader reader) => reader.ReadBinary();
}

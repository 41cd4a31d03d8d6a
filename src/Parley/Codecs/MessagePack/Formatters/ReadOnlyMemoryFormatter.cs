namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>ReadOnlyMemory&lt;byte&gt; as bin; nil reads as empty.</summary>
internal sealed class ReadOnlyMemoryFormatter : MessagePackFormatter<ReadOnlyMemory<byte>>
{
    public override void Write(ref MessagePackWriter writer, ReadOnlyMemory<byte> value) => writer.WriteBinary(value.Span);

    public override ReadOnlyMemory<byte> Read(ref MessagePackReader reader) => reader.ReadBinary();
}

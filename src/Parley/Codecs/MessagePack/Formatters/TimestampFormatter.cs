namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>MessagePackTimestamp as the timestamp extension, at full precision and range.</summary>
internal sealed class TimestampFormatter : MessagePackFormatter<MessagePackTimestamp>
{
    public override void Write(ref MessagePackWriter writer, MessagePackTimestamp value) => writer.WriteTimestamp(value);

    public override MessagePackTimestamp Read(ref MessagePackReader reader) => reader.ReadTimestamp(nameof(MessagePackTimestamp));
}

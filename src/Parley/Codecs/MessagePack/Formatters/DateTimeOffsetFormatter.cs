namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// DateTimeOffset as a timestamp of its instant: the offset is not carried, so it reads back as the same instant in
/// UTC (offset zero), truncated to 100 ns ticks.
/// </summary>
internal sealed class DateTimeOffsetFormatter : MessagePackFormatter<DateTimeOffset>
{
    public override void Write(ref MessagePackWriter writer, DateTimeOffset value) =>
        writer.WriteTimestamp(MessagePackTimestamp.FromDateTimeOffset(value));

    public override DateTimeOffset Read(ref MessagePackReader reader) => ReadInstant(ref reader, nameof(DateTimeOffset));

    /// <summary>Reads a timestamp that must fall in the years 1 to 9999.</summary>
    public static DateTimeOffset ReadInstant(ref MessagePackReader reader, string target)
    {
        var offset = reader.Consumed;
        var timestamp = reader.ReadTimestamp(target);
        return timestamp.FitsDateTime
            ? timestamp.ToDateTimeOffset()
            : throw new MessagePackSerializationException(
                $"the timestamp {timestamp} is outside the range of {target} (years 1 to 9999)", offset);
    }
}

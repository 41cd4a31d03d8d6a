namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// DateTime as a timestamp. A local time is converted to UTC; an unspecified one is taken as UTC already. Reads a
/// timestamp as a UTC DateTime, truncated to 100 ns ticks.
/// </summary>
internal sealed class DateTimeFormatter : MessagePackFormatter<DateTime>
{
    public override void Write(ref MessagePackWriter writer, DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        writer.WriteTimestamp(MessagePackTimestamp.FromDateTimeOffset(new DateTimeOffset(utc.Ticks, TimeSpan.Zero)));
    }

    public override DateTime Read(ref MessagePackReader reader) =>
        DateTimeOffsetFormatter.ReadInstant(ref reader, nameof(DateTime)).UtcDateTime;
}

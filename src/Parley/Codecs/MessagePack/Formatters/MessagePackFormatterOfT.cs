namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>The typed face of a formatter: no boxing between formatters of nested values.</summary>
internal abstract class MessagePackFormatter<T> : MessagePackFormatter
{
    private static readonly object? BoxedDefault = default(T);

    public sealed override object? DefaultValue => BoxedDefault;

    public abstract void Write(ref MessagePackWriter writer, T value);

    public abstract T Read(ref MessagePackReader reader);

    /// <summary>Null is written as nil for every type (for a value type it reads back only as a nullable).</summary>
    public sealed override void WriteObject(ref MessagePackWriter writer, object? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        Write(ref writer, (T)value);
    }

    public sealed override object? ReadObject(ref MessagePackReader reader) => Read(ref reader);
}

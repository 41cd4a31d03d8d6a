namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>Nullable&lt;T&gt;: nil for no value, otherwise the value as <typeparamref name="T"/> writes it.</summary>
internal sealed class NullableFormatter<T> : MessagePackFormatter<T?>
    where T : struct
{
    public override IEnumerable<Type> ContainedTypes => [typeof(T)];

    public override void Write(ref MessagePackWriter writer, T? value)
    {
        if (value.HasValue)
        {
            FormatterCache<T>.Formatter.Write(ref writer, value.GetValueOrDefault());
        }
        else
        {
            writer.WriteNil();
        }
    }

    public override T? Read(ref MessagePackReader reader) =>
        reader.TryReadNil() ? null : FormatterCache<T>.Formatter.Read(ref reader);
}

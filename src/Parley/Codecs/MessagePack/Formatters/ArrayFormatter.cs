namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>T[] as an array; null as nil.</summary>
internal sealed class ArrayFormatter<T> : MessagePackFormatter<T[]?>
{
    private static readonly string Name = TypeNames.Display(typeof(T[]));

    public override IEnumerable<Type> ContainedTypes => [typeof(T)];

    public override void Write(ref MessagePackWriter writer, T[]? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        WriteElements(ref writer, value);
    }

    public override T[]? Read(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var offset = reader.Consumed;
        var count = reader.ReadArrayHeader(Name);
        reader.EnterContainer(offset);
        var element = FormatterCache<T>.Formatter;
        T[] array;
        if (count <= CollectionCapacity.Trusted)
        {
            array = count == 0 ? [] : new T[count];
            for (var i = 0; i < array.Length; i++)
            {
                array[i] = element.Read(ref reader);
            }
        }
        else
        {
            var list = new List<T>(CollectionCapacity.Trusted);
            for (var i = 0; i < count; i++)
            {
                list.Add(element.Read(ref reader));
            }

            array = [.. list];
        }

        reader.ExitContainer();
        return array;
    }

    /// <summary>Writes the elements of a non-null array (shared with the collection-interface formatter).</summary>
    public static void WriteElements(ref MessagePackWriter writer, ReadOnlySpan<T> value)
    {
        var element = FormatterCache<T>.Formatter;
        writer.EnterContainer();
        writer.WriteArrayHeader(value.Length);
        foreach (var item in value)
        {
            element.Write(ref writer, item);
        }

        writer.ExitContainer();
    }
}

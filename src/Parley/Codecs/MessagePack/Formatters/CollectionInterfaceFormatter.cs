using System.Runtime.InteropServices;

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// IEnumerable&lt;T&gt;, IReadOnlyCollection&lt;T&gt; and IReadOnlyList&lt;T&gt; (read back as T[]) and ICollection&lt;T&gt;
/// and IList&lt;T&gt; (read back as List&lt;T&gt;) as an array; null as nil.
/// </summary>
internal sealed class CollectionInterfaceFormatter<TCollection, T>(bool readAsList) : MessagePackFormatter<TCollection?>
    where TCollection : class, IEnumerable<T>
{
    public override IEnumerable<Type> ContainedTypes => [typeof(T)];

    public override void Write(ref MessagePackWriter writer, TCollection? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNil();
                break;
            case T[] array:
                ArrayFormatter<T>.WriteElements(ref writer, array);
                break;
            case List<T> list:
                ArrayFormatter<T>.WriteElements(ref writer, CollectionsMarshal.AsSpan(list));
                break;
            case ICollection<T> collection:
                WriteCounted(ref writer, collection, collection.Count);
                break;
            case IReadOnlyCollection<T> collection:
                WriteCounted(ref writer, collection, collection.Count);
                break;
            default:
                ArrayFormatter<T>.WriteElements(ref writer, CollectionsMarshal.AsSpan(new List<T>(value)));
                break;
        }
    }

    public override TCollection? Read(ref MessagePackReader reader) => readAsList
        ? (TCollection?)(object?)FormatterCache<List<T>>.Formatter.Read(ref reader)
        : (TCollection?)(object?)FormatterCache<T[]>.Formatter.Read(ref reader);

    private static void WriteCounted(ref MessagePackWriter writer, IEnumerable<T> items, int count)
    {
        var element = FormatterCache<T>.Formatter;
        writer.EnterContainer();
        writer.WriteArrayHeader(count);
        var written = 0;
        foreach (var item in items)
        {
            // The header is already out: a collection yielding more or fewer items than its Count would corrupt the data.
            if (++written > count)
            {
                break;
            }

            element.Write(ref writer, item);
        }

        if (written != count)
        {
            throw new MessagePackSerializationException(
                $"a collection of {typeof(T).Name} changed while it was written (Count was {count})");
        }

        writer.ExitContainer();
    }
}

using System.Runtime.InteropServices;

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>List&lt;T&gt; as an array; null as nil.</summary>
internal sealed class ListFormatter<T> : MessagePackFormatter<List<T>?>
{
    private static readonly string Name = TypeNames.Display(typeof(List<T>));

    public override IEnumerable<Type> ContainedTypes => [typeof(T)];

    public override void Write(ref MessagePackWriter writer, List<T>? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        ArrayFormatter<T>.WriteElements(ref writer, CollectionsMarshal.AsSpan(value));
    }

    public override List<T>? Read(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var offset = reader.Consumed;
        var count = reader.ReadArrayHeader(Name);
        reader.EnterContainer(offset);
        var element = FormatterCache<T>.Formatter;
        var list = new List<T>(CollectionCapacity.For(count));
        for (var i = 0; i < count; i++)
        {
            list.Add(element.Read(ref reader));
        }

        reader.ExitContainer();
        return list;
    }
}

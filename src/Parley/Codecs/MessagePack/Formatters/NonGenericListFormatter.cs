using System.Collections;

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// The non-generic IEnumerable, ICollection and IList as an array, each element written by its runtime type; read back
/// as an object?[] of plain values (see <see cref="NaturalFormatter"/>). Null as nil.
/// </summary>
internal sealed class NonGenericListFormatter<TCollection> : MessagePackFormatter<TCollection?>
    where TCollection : class, IEnumerable
{
    public override void Write(ref MessagePackWriter writer, TCollection? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        var items = new List<object?>();
        foreach (var item in value)
        {
            items.Add(item);
        }

        FormatterCache<List<object?>>.Formatter.Write(ref writer, items);
    }

    public override TCollection? Read(ref MessagePackReader reader) =>
        reader.TryReadNil() ? null : (TCollection)(object)FormatterCache<object?[]>.Formatter.Read(ref reader)!;
}

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// Dictionary&lt;TKey, TValue&gt;, IDictionary&lt;TKey, TValue&gt; and IReadOnlyDictionary&lt;TKey, TValue&gt; as a map;
/// null as nil. Reads into a Dictionary&lt;TKey, TValue&gt;; a repeated key keeps its last value, a nil key fails.
/// </summary>
internal sealed class DictionaryFormatter<TDictionary, TKey, TValue> : MessagePackFormatter<TDictionary?>
    where TDictionary : class, IEnumerable<KeyValuePair<TKey, TValue>>
    where TKey : notnull
{
    private static readonly string Name = TypeNames.Display(typeof(TDictionary));

    public override IEnumerable<Type> ContainedTypes => [typeof(TKey), typeof(TValue)];

    public override void Write(ref MessagePackWriter writer, TDictionary? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        var keys = FormatterCache<TKey>.Formatter;
        var values = FormatterCache<TValue>.Formatter;
        writer.EnterContainer();
        if (value is Dictionary<TKey, TValue> dictionary)
        {
            writer.WriteMapHeader(dictionary.Count);
            foreach (var (key, item) in dictionary)
            {
                keys.Write(ref writer, key);
                values.Write(ref writer, item);
            }
        }
        else
        {
            var entries = value as IReadOnlyCollection<KeyValuePair<TKey, TValue>> ?? [.. value];
            writer.WriteMapHeader(entries.Count);
            foreach (var (key, item) in entries)
            {
                keys.Write(ref writer, key);
                values.Write(ref writer, item);
            }
        }

        writer.ExitContainer();
    }

    public override TDictionary? Read(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var offset = reader.Consumed;
        var count = reader.ReadMapHeader(Name);
        reader.EnterContainer(offset);
        var keys = FormatterCache<TKey>.Formatter;
        var values = FormatterCache<TValue>.Formatter;
        var dictionary = new Dictionary<TKey, TValue>(CollectionCapacity.For(count));
        for (var i = 0; i < count; i++)
        {
            var keyOffset = reader.Consumed;
            var key = keys.Read(ref reader);
            if (key is null)
            {
                throw new MessagePackSerializationException($"a key of {Name} is nil", keyOffset);
            }

            dictionary[key] = values.Read(ref reader);
        }

        reader.ExitContainer();
        return (TDictionary)(object)dictionary;
    }
}

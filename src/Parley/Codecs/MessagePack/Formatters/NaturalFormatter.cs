namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// <c>object</c>: writes a value by its runtime type; reads any value as plain .NET values, as the JSON codec does
/// for untyped calls: integers as long (a uint 64 above long.MaxValue as ulong), floats as double, str as string, bin
/// as byte[], arrays as object?[], maps as Dictionary&lt;string, object?&gt; when every key is a str and as
/// Dictionary&lt;object, object?&gt; otherwise, timestamps as a UTC DateTimeOffset (or a MessagePackTimestamp outside
/// the years 1 to 9999), other extensions as MessagePackExtension.
/// </summary>
internal sealed class NaturalFormatter : MessagePackFormatter<object?>
{
    public override void Write(ref MessagePackWriter writer, object? value)
    {
        if (value is null)
        {
            writer.WriteNil();
        }
        else if (value.GetType() == typeof(object))
        {
            // A bare object has no members: an empty map, as the JSON codec writes {}.
            writer.WriteMapHeader(0);
        }
        else
        {
            FormatterResolver.Get(value.GetType()).WriteObject(ref writer, value);
        }
    }

    public override object? Read(ref MessagePackReader reader)
    {
        var offset = reader.Consumed;
        switch (reader.PeekType())
        {
            case MessagePackType.Nil:
                reader.TryReadNil();
                return null;
            case MessagePackType.Boolean:
                return reader.ReadBoolean();
            case MessagePackType.Integer:
                return reader.ReadNaturalInteger();
            case MessagePackType.Float:
                return reader.ReadDouble();
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Binary:
                return reader.ReadBinary();
            case MessagePackType.Array:
                return ReadArray(ref reader, offset);
            case MessagePackType.Map:
                return ReadMap(ref reader, offset);
            case MessagePackType.Extension:
                return ReadExtension(ref reader, offset);
            default:
                throw new MessagePackSerializationException("the byte 0xc1 is never used in MessagePack", offset);
        }
    }

    private object?[] ReadArray(ref MessagePackReader reader, long offset)
    {
        var count = reader.ReadArrayHeader();
        reader.EnterContainer(offset);
        object?[] items;
        if (count <= CollectionCapacity.Trusted)
        {
            items = count == 0 ? [] : new object?[count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = Read(ref reader);
            }
        }
        else
        {
            var list = new List<object?>(CollectionCapacity.Trusted);
            for (var i = 0; i < count; i++)
            {
                list.Add(Read(ref reader));
            }

            items = [.. list];
        }

        reader.ExitContainer();
        return items;
    }

    private object ReadMap(ref MessagePackReader reader, long offset)
    {
        var count = reader.ReadMapHeader();
        reader.EnterContainer(offset);
        var byName = new Dictionary<string, object?>(CollectionCapacity.For(count), StringComparer.Ordinal);
        Dictionary<object, object?>? byObject = null;
        for (var i = 0; i < count; i++)
        {
            var keyOffset = reader.Consumed;
            var key = Read(ref reader) ?? throw new MessagePackSerializationException("a map key is nil", keyOffset);
            var value = Read(ref reader);
            if (byObject is null && key is string name)
            {
                byName[name] = value;
                continue;
            }

            // The first key that is not a str turns the map into one keyed by objects, keeping what was read so far.
            byObject ??= new Dictionary<object, object?>(byName.Count + 1);
            foreach (var entry in byName)
            {
                byObject[entry.Key] = entry.Value;
            }

            byName.Clear();
            byObject[key] = value;
        }

        reader.ExitContainer();
        return byObject ?? (object)byName;
    }

    private static object ReadExtension(ref MessagePackReader reader, long offset)
    {
        var length = reader.ReadExtensionHeader(out var type);
        if (type != MessagePackCode.TimestampType)
        {
            return MessagePackExtension.Own(type, reader.ReadRawBytes(length));
        }

        var timestamp = reader.ReadTimestampData(length, offset);
        return timestamp.FitsDateTime ? timestamp.ToDateTimeOffset() : timestamp;
    }
}

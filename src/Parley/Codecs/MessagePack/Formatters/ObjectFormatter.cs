namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// A class, record or struct as a map of property names to values (or, with [MessagePackKey], as an array by key);
/// null as nil. Reading matches names exactly, skips unknown keys and leaves missing properties at their defaults.
/// </summary>
internal sealed class ObjectFormatter<T>(ObjectLayout<T> layout) : MessagePackFormatter<T>
{
    private const int MaxStackName = 128;

    private static readonly string Name = TypeNames.Display(typeof(T));

    private readonly ObjectMember<T>[] _members = layout.Members;
    private readonly ObjectMember<T>?[] _byKey = layout.ByKey;
    private readonly bool _isArrayForm = layout.IsArrayForm;
    private readonly int _longestName = layout.Members.Length == 0 ? 0 : layout.Members.Max(m => m.NameUtf8.Length);

    public override IEnumerable<Type> ContainedTypes => _members.Select(m => m.MemberType);

    public override void Write(ref MessagePackWriter writer, T value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        writer.EnterContainer();
        if (_isArrayForm)
        {
            writer.WriteArrayHeader(_byKey.Length);
            foreach (var member in _byKey)
            {
                if (member is null)
                {
                    writer.WriteNil();
                }
                else
                {
                    member.Write(ref writer, value);
                }
            }
        }
        else
        {
            writer.WriteMapHeader(_members.Length);
            foreach (var member in _members)
            {
                writer.WriteRaw(member.EncodedName);
                member.Write(ref writer, value);
            }
        }

        writer.ExitContainer();
    }

    public override T Read(ref MessagePackReader reader)
    {
        var offset = reader.Consumed;
        if (reader.TryReadNil())
        {
            return typeof(T).IsValueType
                ? throw new MessagePackSerializationException($"expected {(_isArrayForm ? "array" : "map")} for {Name} but found nil", offset)
                : default!;
        }

        var count = _isArrayForm ? reader.ReadArrayHeader(Name) : reader.ReadMapHeader(Name);
        reader.EnterContainer(offset);
        var value = layout.Construct is null ? ReadWithSetters(ref reader, count) : ReadWithConstructor(ref reader, count);
        reader.ExitContainer();
        return value;
    }

    private T ReadWithSetters(ref MessagePackReader reader, int count)
    {
        var instance = layout.Create!();
        var hint = 0;
        for (var i = 0; i < count; i++)
        {
            var member = _isArrayForm ? (i < _byKey.Length ? _byKey[i] : null) : FindByName(ref reader, ref hint);
            if (member is { HasSetter: true })
            {
                member.ReadAndSet(ref reader, ref instance);
            }
            else
            {
                reader.Skip();
            }
        }

        return instance;
    }

    private T ReadWithConstructor(ref MessagePackReader reader, int count)
    {
        var slots = (object?[])layout.SlotDefaults.Clone();
        var hint = 0;
        for (var i = 0; i < count; i++)
        {
            var member = _isArrayForm ? (i < _byKey.Length ? _byKey[i] : null) : FindByName(ref reader, ref hint);
            if (member is { Slot: >= 0 })
            {
                slots[member.Slot] = member.ReadBoxed(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        var instance = layout.Construct!(slots);
        foreach (var member in layout.SetAfterConstruction)
        {
            if (!ReferenceEquals(slots[member.Slot], ObjectLayout<T>.Unset))
            {
                member.SetBoxed(ref instance, slots[member.Slot]);
            }
        }

        return instance;
    }

    /// <summary>
    /// Reads a map key and returns its property, or null for a key that names none (the key is consumed either way).
    /// Keys usually arrive in the order they were written, so the search starts after the last match.
    /// </summary>
    private ObjectMember<T>? FindByName(ref MessagePackReader reader, ref int hint)
    {
        if (reader.PeekType() != MessagePackType.String)
        {
            reader.Skip();
            return null;
        }

        var length = reader.ReadBytesHeader(out _, Name);
        if (length > _longestName)
        {
            reader.SkipRaw(length);
            return null;
        }

        scoped ReadOnlySpan<byte> name;
        if (!reader.TryReadRawInPlace(length, out name))
        {
            // Only a name split across segments of the input is copied.
            var copy = length <= MaxStackName ? stackalloc byte[MaxStackName] : new byte[length];
            reader.ReadRawInto(copy[..length]);
            name = copy[..length];
        }

        for (var n = 0; n < _members.Length; n++)
        {
            var index = hint + n < _members.Length ? hint + n : hint + n - _members.Length;
            if (name.SequenceEqual(_members[index].NameUtf8))
            {
                hint = index + 1;
                return _members[index];
            }
        }

        return null;
    }
}

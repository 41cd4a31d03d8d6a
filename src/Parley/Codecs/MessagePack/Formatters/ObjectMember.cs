using System.Buffers;

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>One serialized property of <typeparamref name="TOwner"/>: its key and its compiled accessors.</summary>
internal abstract class ObjectMember<TOwner>
{
    protected ObjectMember(string name, int key)
    {
        Name = name;
        Key = key;
        NameUtf8 = System.Text.Encoding.UTF8.GetBytes(name);
        var encoded = new ArrayBufferWriter<byte>(NameUtf8.Length + 5);
        var writer = new MessagePackWriter(encoded, maxDepth: 1);
        writer.WriteString(name);
        writer.Flush();
        EncodedName = encoded.WrittenSpan.ToArray();
    }

    /// <summary>The property name, exactly as declared: the map key.</summary>
    public string Name { get; }

    /// <summary>The index in the compact array form, or -1 in the map form.</summary>
    public int Key { get; }

    public byte[] NameUtf8 { get; }

    /// <summary>The name as a whole MessagePack str (header and UTF-8), written as is.</summary>
    public byte[] EncodedName { get; }

    /// <summary>
    /// Where the value waits while an object is read through its constructor: the parameter's position for a constructor
    /// parameter, a later position for a property set after construction, -1 when the value is not read back.
    /// </summary>
    public int Slot { get; set; } = -1;

    /// <summary>Whether the property is set after construction (it has a public setter and is no constructor parameter).</summary>
    public bool SetAfterConstruction { get; set; }

    public abstract Type MemberType { get; }

    public abstract bool HasSetter { get; }

    public abstract void Write(ref MessagePackWriter writer, TOwner owner);

    public abstract void ReadAndSet(ref MessagePackReader reader, ref TOwner owner);

    public abstract object? ReadBoxed(ref MessagePackReader reader);

    public abstract void SetBoxed(ref TOwner owner, object? value);
}

namespace Parley.Codecs.MessagePack;

/// <summary>
/// A MessagePack extension value that has no .NET mapping: an application-defined type code and its raw bytes. Reading
/// untyped data gives one of these for every extension type except the timestamp (-1); writing one writes it back
/// unchanged, in the smallest ext format for its length. Immutable; equal when the type and the bytes are equal.
/// </summary>
public sealed class MessagePackExtension : IEquatable<MessagePackExtension>
{
    private readonly byte[] _data;

    /// <summary>Creates an extension value; <paramref name="data"/> is copied.</summary>
    /// <param name="type">The extension type: 0 to 127 are the application's; -128 to -1 are reserved by the specification.</param>
    /// <param name="data">The extension's bytes.</param>
    public MessagePackExtension(sbyte type, ReadOnlySpan<byte> data)
    {
        Type = type;
        _data = data.ToArray();
    }

    private MessagePackExtension(sbyte type, byte[] data)
    {
        Type = type;
        _data = data;
    }

    /// <summary>The extension type code.</summary>
    public sbyte Type { get; }

    /// <summary>The extension's bytes.</summary>
    public ReadOnlyMemory<byte> Data => _data;

    /// <inheritdoc/>
    public bool Equals(MessagePackExtension? other) =>
        other is not null && other.Type == Type && other._data.AsSpan().SequenceEqual(_data);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MessagePackExtension);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.AddBytes(_data);
        return hash.ToHashCode();
    }

    /// <summary>"ext(5, 3 bytes)".</summary>
    public override string ToString() => $"ext({Type}, {_data.Length} bytes)";

    /// <summary>Wraps bytes the caller hands over (the reader's own fresh copy), without copying again.</summary>
    internal static MessagePackExtension Own(sbyte type, byte[] data) => new(type, data);
}

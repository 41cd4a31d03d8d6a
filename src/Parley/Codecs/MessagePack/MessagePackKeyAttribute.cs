namespace Parley.Codecs.MessagePack;

/// <summary>
/// Gives a property an integer key, which switches its type to the compact array form: the object is written as a
/// MessagePack array whose element <see cref="Index"/> holds this property (gaps are nil), instead of a map keyed by
/// property names. When one property of a type has a key, every serialized property of that type must have one.
/// </summary>
/// <remarks>
/// Keys are a contract: keep them stable, add new properties with new keys. A reader fills properties whose index
/// is past the end of a shorter array with their default, and ignores elements past its highest key.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class MessagePackKeyAttribute : Attribute
{
    /// <summary>Assigns <paramref name="index"/> (0 or more) as the property's position in the array form.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public MessagePackKeyAttribute(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Index = index;
    }

    /// <summary>The property's position in the array form.</summary>
    public int Index { get; }
}

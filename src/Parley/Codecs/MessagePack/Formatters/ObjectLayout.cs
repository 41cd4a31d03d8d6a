namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>How <typeparamref name="T"/> is written and rebuilt, worked out once by <see cref="ObjectLayoutBuilder"/>.</summary>
internal sealed class ObjectLayout<T>
{
    /// <summary>Marks a slot whose property was not in the data, so it is not set after construction.</summary>
    public static readonly object Unset = new();

    /// <summary>The serialized properties, in declaration order (the map form writes them in this order).</summary>
    public required ObjectMember<T>[] Members { get; init; }

    /// <summary>Whether the type uses the compact array form ([MessagePackKey] on its properties).</summary>
    public required bool IsArrayForm { get; init; }

    /// <summary>In the array form, the property at each index (null for a gap); empty in the map form.</summary>
    public required ObjectMember<T>?[] ByKey { get; init; }

    /// <summary>Creates an instance whose properties are then set; null when the type is built through a constructor.</summary>
    public Func<T>? Create { get; init; }

    /// <summary>Calls the constructor with the first slots as its arguments; null when the type is built with setters.</summary>
    public Func<object?[], T>? Construct { get; init; }

    /// <summary>The starting value of each slot: parameter defaults, then <see cref="Unset"/> for properties set afterwards.</summary>
    public required object?[] SlotDefaults { get; init; }

    /// <summary>The properties set after the constructor has run.</summary>
    public required ObjectMember<T>[] SetAfterConstruction { get; init; }
}

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>Writes and reads values of one .NET type; the untyped face used by the codec seam and untyped values.</summary>
/// <remarks>
/// Formatters are built once per type and shared by every call on every thread, so they hold no per-call state.
/// A formatter never asks for another formatter in its constructor (only when first writing or reading), so types
/// that contain themselves resolve without recursing forever.
/// </remarks>
internal abstract class MessagePackFormatter
{
    /// <summary>The types this formatter's values contain (elements, properties), for the support check.</summary>
    public virtual IEnumerable<Type> ContainedTypes => [];

    /// <summary>What an empty payload means for this type: null, or the default of a value type (boxed once).</summary>
    public abstract object? DefaultValue { get; }

    /// <summary>Writes <paramref name="value"/>, which is null or of the formatter's type.</summary>
    public abstract void WriteObject(ref MessagePackWriter writer, object? value);

    /// <summary>Reads one value, boxed.</summary>
    public abstract object? ReadObject(ref MessagePackReader reader);
}

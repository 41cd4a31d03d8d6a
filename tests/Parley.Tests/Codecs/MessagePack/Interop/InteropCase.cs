namespace Parley.Tests.Codecs.MessagePack;

/// <summary>
/// One value of the interop catalogue: <see cref="Value"/> is what Parley writes (as <see cref="Type"/>), and
/// <see cref="Natural"/> is the same value as plain MessagePack-level values (long, double, float, string, byte[],
/// arrays, dictionaries, timestamps, extensions), from which the tagged form the peers speak is made.
/// </summary>
public sealed record InteropCase(string Name, object? Value, Type Type, object? Natural)
{

    /// <summary>A value that is its own natural form (a number, a string, an untyped tree...).</summary>
    public static InteropCase Plain(string name, object? value) => new(name, value, value?.GetType() ?? typeof(object), value);

    /// <summary>A typed .NET value and the plain form it must take on the wire.</summary>
    public static InteropCase Typed<T>(string name, T value, object? natural) => new(name, value, typeof(T), natural);

    public override string ToString() => Name;
}

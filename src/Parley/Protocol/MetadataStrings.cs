using System.Collections.Concurrent;

namespace Parley.Protocol;

/// <summary>
/// The strings of metadata keys and short values seen before (<c>:service</c>, <c>Calculator</c>, <c>:method</c>,
/// <c>Add</c>...), so that reading a request's metadata does not allocate them again on every call. Bounded: once it
/// holds its capacity it only looks up, so a peer sending ever new values cannot grow it. Thread-safe.
/// </summary>
internal sealed class MetadataStrings(int capacity)
{
    /// <summary>Longer strings are not kept: names are short, and long values are rarely repeated.</summary>
    public const int MaxLength = 64;

    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>The instance metadata reading uses.</summary>
    public static MetadataStrings Shared { get; } = new(4096);

    /// <summary>The string for <paramref name="chars"/>: a kept one when seen before, else a new one (kept when there is room).</summary>
    public string Get(ReadOnlySpan<char> chars, bool keep = true)
    {
        if (chars.Length > MaxLength)
        {
            return new string(chars);
        }

        if (_known.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var known))
        {
            return known;
        }

        var created = new string(chars);
        if (keep && Volatile.Read(ref _count) < capacity && _known.TryAdd(created, created))
        {
            Interlocked.Increment(ref _count);
        }

        return created;
    }
}

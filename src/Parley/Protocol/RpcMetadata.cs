using System.Collections;

namespace Parley.Protocol;

/// <summary>
/// Key/value pairs carried by a frame (request headers, handshake limits). Keys are 1 to 255 characters from
/// <c>a-z 0-9 - _ .</c>, optionally starting with <c>:</c> (reserved for the protocol); values are UTF-8 text of at most
/// 65,535 bytes. Order is kept and a key may repeat. Not thread-safe.
/// </summary>
public sealed class RpcMetadata : IReadOnlyList<KeyValuePair<string, string>>
{
    /// <summary>Request metadata key: the service name.</summary>
    public const string ServiceKey = ":service";
    /// <summary>Request metadata key: the method name.</summary>
    public const string MethodKey = ":method";
    /// <summary>Request metadata key: the time the caller still waits, in whole milliseconds (decimal ASCII).</summary>
    public const string TimeoutKey = ":timeout";

    /// <summary>The protocol key naming a streaming call's kind: <c>server</c>, <c>client</c> or <c>bidi</c> (absent: unary).</summary>
    public const string StreamKey = ":stream";

    private readonly List<KeyValuePair<string, string>> _entries;

    /// <summary>Creates empty metadata.</summary>
    public RpcMetadata() => _entries = [];

    internal RpcMetadata(int capacity) => _entries = new List<KeyValuePair<string, string>>(capacity);

    /// <inheritdoc/>
    public int Count => _entries.Count;

    /// <inheritdoc/>
    public KeyValuePair<string, string> this[int index] => _entries[index];

    /// <summary>Adds an entry. Throws <see cref="ArgumentException"/> for an invalid or reserved (<c>:</c>…) key.</summary>
    public RpcMetadata Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (key is [':', ..])
        {
            throw new ArgumentException($"Metadata key '{key}' starts with ':', which is reserved for the protocol.", nameof(key));
        }

        if (!IsValidKey(key))
        {
            throw new ArgumentException(
                $"Metadata key '{key}' is invalid: use 1-255 characters from a-z 0-9 - _ . (a leading ':' is reserved).",
                nameof(key));
        }

        _entries.Add(new(key, value));
        return this;
    }

    internal void AddUnchecked(string key, string value) => _entries.Add(new(key, value));

    internal void Clear() => _entries.Clear();

    /// <summary>Returns the first value for <paramref name="key"/>, or null.</summary>
    public string? Get(string key)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="key"/> has the shape the protocol allows.</summary>
    public static bool IsValidKey(ReadOnlySpan<char> key)
    {
        if (key.Length is 0 or > 255 || key is ":")
        {
            return false;
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' || (c == ':' && i == 0);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

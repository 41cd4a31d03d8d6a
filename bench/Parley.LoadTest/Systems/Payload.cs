using System.Collections.Concurrent;

namespace Parley.LoadTest.Systems;

/// <summary>The echo texts: exactly the requested number of ASCII characters (so as many bytes in UTF-8), made once per size.</summary>
internal static class Payload
{
    private static readonly ConcurrentDictionary<int, string> Texts = new();

    public static string Text(int size) => Texts.GetOrAdd(size, static n => string.Create(n, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)('a' + (i % 26));
        }
    }));
}

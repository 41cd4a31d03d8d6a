using System.Collections;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>Structural equality of plain value trees: doubles by bits (NaN equals NaN), sequences and maps in order.</summary>
internal static class NaturalEquality
{
    public static bool Equal(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b),
        (float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b),
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (IDictionary a, IDictionary b) => a.Count == b.Count && Entries(a).Zip(Entries(b)).All(p => Equal(p.First.Key, p.Second.Key) && Equal(p.First.Value, p.Second.Value)),
        (string a, string b) => a == b,
        (IEnumerable a, IEnumerable b) => a.Cast<object?>().Count() == b.Cast<object?>().Count() && a.Cast<object?>().Zip(b.Cast<object?>()).All(p => Equal(p.First, p.Second)),
        _ => Equals(left, right),
    };

    private static IEnumerable<DictionaryEntry> Entries(IDictionary dictionary)
    {
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            yield return entries.Entry;
        }
    }
}

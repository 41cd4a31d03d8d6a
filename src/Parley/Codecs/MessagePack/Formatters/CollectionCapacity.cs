namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// How much room to make for a collection whose header announces <c>count</c> elements. The reader has already
/// checked that the count fits the remaining bytes, but one byte of input per element may still become many bytes of
/// memory per element; past this cap a collection grows as its elements actually arrive.
/// </summary>
internal static class CollectionCapacity
{
    public const int Trusted = 1024;

    public static int For(int count) => Math.Min(count, Trusted);
}

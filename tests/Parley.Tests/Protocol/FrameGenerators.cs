using FsCheck;
using FsCheck.Fluent;
using Parley.Protocol;

namespace Parley.Tests.Protocol;

/// <summary>FsCheck generators for valid frames and for the ways a byte stream can be cut into reads.</summary>
internal static class FrameGenerators
{
    private const string KeyAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.";

    // Pieces that cover 1-, 2-, 3- and 4-byte UTF-8 sequences, a NUL and a space; concatenations are always valid UTF-16.
    private static readonly string[] ValuePieces = ["a", "Z", " ", "0", "\0", "é", "ß", "日本", "\u20AC", "🙂", "\U0001F680"];

    private static readonly FrameType[] FrameTypes = Enum.GetValues<FrameType>();

    private static readonly StatusCode[] StatusCodes = Enum.GetValues<StatusCode>();

    public static Gen<string> Key =>
        from colon in Gen.Elements(false, false, false, true)
        from length in Gen.Choose(1, 16)
        from chars in Gen.ArrayOf(Gen.Elements(KeyAlphabet.ToCharArray()), length)
        select (colon ? ":" : string.Empty) + new string(chars);

    public static Gen<string> Value =>
        from count in Gen.Choose(0, 6)
        from pieces in Gen.ArrayOf(Gen.Elements(ValuePieces), count)
        select string.Concat(pieces);

    public static Gen<KeyValuePair<string, string>[]> Metadata =>
        from count in Gen.Choose(0, 5)
        from entries in Gen.ArrayOf(Gen.Zip(Key, Value, (k, v) => new KeyValuePair<string, string>(k, v)), count)
        select entries;

    /// <summary>Mostly small payloads, some empty, a few larger than 4 KiB.</summary>
    public static Gen<byte[]> Payload =>
        from length in Gen.Frequency(
            (3, Gen.Constant(0)),
            (5, Gen.Choose(1, 64)),
            (2, Gen.Choose(65, 1024)),
            (1, Gen.Choose(4097, 9000)))
        from seed in Gen.Choose(0, int.MaxValue)
        select FrameSpec.PayloadBytes(length, seed);

    public static Gen<ulong> NonZeroRequestId =>
        Gen.Frequency(
            (3, Gen.Choose(1, 1000).Select(id => (ulong)id)),
            (1, Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(1, int.MaxValue), (high, low) => ((ulong)high << 33) | (uint)low)),
            (1, Gen.Constant(ulong.MaxValue)));

    public static Gen<StatusCode> AnyStatus =>
        Gen.Frequency(
            (4, Gen.Elements(StatusCodes)),
            (1, Gen.Choose(0, ushort.MaxValue).Select(code => (StatusCode)code)));

    /// <summary>Any frame that obeys every rule <see cref="FrameReader"/> enforces with default limits.</summary>
    public static Gen<FrameSpec> ValidFrame =>
        from type in Gen.Elements(FrameTypes)
        from codec in Gen.Choose(0, 255).Select(c => (byte)c)
        from status in type is FrameType.Response or FrameType.GoAway or FrameType.StreamEnd
            ? AnyStatus
            : Gen.Constant(StatusCode.Ok)
        from requestId in type switch
        {
            FrameType.Hello or FrameType.Ping or FrameType.Pong => Gen.Constant(0UL),
            FrameType.GoAway or FrameType.Credit => Gen.OneOf(Gen.Constant(0UL), NonZeroRequestId),
            _ => NonZeroRequestId,
        }
        from metadata in type is FrameType.Ping or FrameType.Pong or FrameType.Cancel or FrameType.Credit
            or FrameType.StreamMessage or FrameType.StreamEnd
            ? Gen.Constant(Array.Empty<KeyValuePair<string, string>>())
            : Metadata
        from payload in type switch
        {
            FrameType.Ping or FrameType.Pong => Gen.Choose(0, int.MaxValue).Select(seed => FrameSpec.PayloadBytes(8, seed)),
            FrameType.Cancel => Gen.Constant(Array.Empty<byte>()),
            FrameType.Credit => Gen.Choose(0, int.MaxValue).Select(seed => FrameSpec.PayloadBytes(4, seed)),
            _ => Payload,
        }
        select new FrameSpec(type, codec, status, requestId, metadata, payload);

    /// <summary>
    /// Sizes of successive reads, used cyclically: sometimes one byte at a time, sometimes tiny reads that split the
    /// header, sometimes reads far larger than a frame.
    /// </summary>
    public static Gen<int[]> ReadSizes =>
        Gen.Frequency(
            (1, Gen.Constant(new[] { 1 })),
            (3, Gen.Choose(1, 16).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 30), n))),
            (2, Gen.Choose(1, 16).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 500), n))),
            (1, Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 20_000), n))));
}

using Parley.Codecs.MessagePack;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>Known bytes for every format family of the specification, written and read back.</summary>
public sealed class SpecVectorTests
{
    public static TheoryData<string, object?, Type> Vectors => new()
    {
        // nil and bool
        { "c0", null, typeof(string) },
        { "c2", false, typeof(bool) },
        { "c3", true, typeof(bool) },

        // positive fixint, uint 8/16/32/64 at every boundary
        { "00", 0L, typeof(long) },
        { "7f", 127L, typeof(long) },
        { "cc80", 128L, typeof(long) },
        { "ccff", 255L, typeof(long) },
        { "cd0100", 256L, typeof(long) },
        { "cdffff", 65535L, typeof(long) },
        { "ce00010000", 65536L, typeof(long) },
        { "ceffffffff", 4294967295L, typeof(long) },
        { "cf0000000100000000", 4294967296L, typeof(long) },
        { "cf7fffffffffffffff", long.MaxValue, typeof(long) },
        { "cfffffffffffffffff", ulong.MaxValue, typeof(ulong) },

        // negative fixint, int 8/16/32/64 at every boundary
        { "ff", -1L, typeof(long) },
        { "e0", -32L, typeof(long) },
        { "d0df", -33L, typeof(long) },
        { "d080", -128L, typeof(long) },
        { "d1ff7f", -129L, typeof(long) },
        { "d18000", -32768L, typeof(long) },
        { "d2ffff7fff", -32769L, typeof(long) },
        { "d280000000", (long)int.MinValue, typeof(long) },
        { "d3ffffffff7fffffff", (long)int.MinValue - 1, typeof(long) },
        { "d38000000000000000", long.MinValue, typeof(long) },

        // narrower .NET integers use the same smallest formats
        { "ccff", (byte)255, typeof(byte) },
        { "d080", (sbyte)-128, typeof(sbyte) },
        { "d18000", short.MinValue, typeof(short) },
        { "cdffff", ushort.MaxValue, typeof(ushort) },
        { "d280000000", int.MinValue, typeof(int) },
        { "ce7fffffff", int.MaxValue, typeof(int) },
        { "ceffffffff", uint.MaxValue, typeof(uint) },
        { "05", 5, typeof(int) },

        // float 32 and float 64
        { "ca3fc00000", 1.5f, typeof(float) },
        { "cb3ff8000000000000", 1.5, typeof(double) },
        { "cb8000000000000000", -0.0, typeof(double) },
        { "cb7ff0000000000000", double.PositiveInfinity, typeof(double) },
        { "cbfff0000000000000", double.NegativeInfinity, typeof(double) },
        { "cb0000000000000001", double.Epsilon, typeof(double) },

        // fixstr, str 8 (the others are in the length-class test below)
        { "a0", "", typeof(string) },
        { "a3616263", "abc", typeof(string) },
        { "a2c3a9", "é", typeof(string) },
        { "a4f09f9982", "🙂", typeof(string) },

        // bin 8, fixarray, fixmap
        { "c400", Array.Empty<byte>(), typeof(byte[]) },
        { "c403010203", new byte[] { 1, 2, 3 }, typeof(byte[]) },
        { "90", Array.Empty<int>(), typeof(int[]) },
        { "9301027f", new[] { 1, 2, 127 }, typeof(int[]) },
        { "80", new Dictionary<string, int>(), typeof(Dictionary<string, int>) },
        { "82a16101a162ff", new Dictionary<string, int> { ["a"] = 1, ["b"] = -1 }, typeof(Dictionary<string, int>) },

        // fixext 1/2/4/8/16 and ext 8/16/32
        { "d40501", new MessagePackExtension(5, [1]), typeof(MessagePackExtension) },
        { "d5050102", new MessagePackExtension(5, [1, 2]), typeof(MessagePackExtension) },
        { "d60501020304", new MessagePackExtension(5, [1, 2, 3, 4]), typeof(MessagePackExtension) },
        { "d7050102030405060708", new MessagePackExtension(5, [1, 2, 3, 4, 5, 6, 7, 8]), typeof(MessagePackExtension) },
        { "d805" + new string('a', 32), new MessagePackExtension(5, Enumerable.Repeat((byte)0xaa, 16).ToArray()), typeof(MessagePackExtension) },
        { "c70005", new MessagePackExtension(5, []), typeof(MessagePackExtension) },
        { "c7037f010203", new MessagePackExtension(127, [1, 2, 3]), typeof(MessagePackExtension) },
        { "c7118001020304050607080910111213141516ff", new MessagePackExtension(-128, Bytes.FromHex("01020304050607080910111213141516ff")), typeof(MessagePackExtension) },

        // timestamp 32, 64 and 96
        { "d6ff00000000", new MessagePackTimestamp(0, 0), typeof(MessagePackTimestamp) },
        { "d6ffffffffff", new MessagePackTimestamp(uint.MaxValue, 0), typeof(MessagePackTimestamp) },
        { "d7ff0000000400000000", new MessagePackTimestamp(0, 1), typeof(MessagePackTimestamp) },
        { "d7ff0000000100000000", new MessagePackTimestamp(4294967296, 0), typeof(MessagePackTimestamp) },
        { "d7ffee6b27ffffffffff", new MessagePackTimestamp(17179869183, 999_999_999), typeof(MessagePackTimestamp) },
        { "c70cff000000000000000400000000", new MessagePackTimestamp(17179869184, 0), typeof(MessagePackTimestamp) },
        { "c70cff00000000ffffffffffffffff", new MessagePackTimestamp(-1, 0), typeof(MessagePackTimestamp) },
        { "c70cff3b9ac9ff8000000000000000", new MessagePackTimestamp(long.MinValue, 999_999_999), typeof(MessagePackTimestamp) },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Serialize_SpecVector_WritesKnownBytes(string hex, object? value, Type type)
    {
        // Act
        var bytes = Bytes.Encode(value, type);

        // Assert
        Assert.Equal(hex, Bytes.ToHex(bytes));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Deserialize_SpecVector_ReadsValue(string hex, object? value, Type type)
    {
        // Act
        var decoded = Bytes.Decode(Bytes.FromHex(hex), type);

        // Assert
        Assert.Equal(value, decoded);
    }

    // Writers may use a larger format than needed (JavaScript's bigints are always int 64 / uint 64, for example);
    // the specification allows it, so every format reads whatever its size.
    [Theory]
    [InlineData("cc05", 5L)]
    [InlineData("cd0005", 5L)]
    [InlineData("ce00000005", 5L)]
    [InlineData("cf0000000000000005", 5L)]
    [InlineData("d005", 5L)]
    [InlineData("d1fffb", -5L)]
    [InlineData("d2fffffffb", -5L)]
    [InlineData("d3fffffffffffffffb", -5L)]
    [InlineData("d90161", "a")]
    [InlineData("da000161", "a")]
    [InlineData("db0000000161", "a")]
    public void Deserialize_NonMinimalFormat_ReadsTheValue(string hex, object expected)
    {
        // Act
        var natural = Bytes.Decode(Bytes.FromHex(hex), typeof(object));
        var typed = Bytes.Decode(Bytes.FromHex(hex), expected.GetType());

        // Assert
        Assert.Equal(expected, natural);
        Assert.Equal(expected, typed);
    }

    [Theory]
    [InlineData("c50001ff")]
    [InlineData("c600000001ff")]
    [InlineData("dc000101")]
    [InlineData("dd0000000101")]
    [InlineData("de0001a16101")]
    [InlineData("df00000001a16101")]
    [InlineData("c8000105ff")]
    [InlineData("c90000000105ff")]
    [InlineData("c704ff00000001")]
    public void Deserialize_LargerHeaderThanNeeded_ReadsTheSameAsTheSmallest(string hex)
    {
        // Act
        var value = Bytes.Decode(Bytes.FromHex(hex), typeof(object));
        var rewritten = Bytes.Encode(value, typeof(object));

        // Assert: Parley writes it back in the smallest header, which decodes to an equal value
        Assert.True(rewritten.Length < Bytes.FromHex(hex).Length);
        Assert.True(NaturalEquality.Equal(value, Bytes.Decode(rewritten, typeof(object))));
    }
}

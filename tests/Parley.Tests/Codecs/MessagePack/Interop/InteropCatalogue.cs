using Parley.Codecs.MessagePack;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>
/// The values both sides encode and decode: every integer width boundary, floats, strings and binaries of each length
/// class, arrays and maps of each header class, nested structures, timestamps of each form, extensions of each
/// format, and the .NET types with a fixed mapping. Every one is canonical, so the encodings must match byte for byte.
/// </summary>
internal static class InteropCatalogue
{
    /// <summary>
    /// The quiet NaN with the sign bit clear (0x7ff8000000000000). .NET's double.NaN has the sign bit set, and
    /// JavaScript engines may canonicalise NaN bits, so the catalogue uses the form every peer keeps as it is.
    /// </summary>
    private static readonly double QuietNaN = BitConverter.Int64BitsToDouble(0x7ff8000000000000);

    public static IReadOnlyList<InteropCase> All { get; } = Build();

    private static List<InteropCase> Build()
    {
        var cases = new List<InteropCase>
        {
            InteropCase.Typed<object?>("nil", null, null),
            InteropCase.Plain("true", true),
            InteropCase.Plain("false", false),
        };

        long[] integers =
        [
            0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, long.MaxValue,
            -1, -32, -33, -128, -129, -32768, -32769, int.MinValue, (long)int.MinValue - 1, long.MinValue,
        ];
        cases.AddRange(integers.Select(i => InteropCase.Plain($"int {i}", i)));
        cases.Add(InteropCase.Plain("uint64 2^63", 9223372036854775808UL));
        cases.Add(InteropCase.Plain("uint64 max", ulong.MaxValue));
        cases.Add(InteropCase.Typed("byte 200", (byte)200, 200L));
        cases.Add(InteropCase.Typed("short -300", (short)-300, -300L));
        cases.Add(InteropCase.Typed("uint 4000000000", 4_000_000_000u, 4_000_000_000L));
        cases.Add(InteropCase.Typed("int -70000", -70_000, -70_000L));

        double[] doubles = [0.5, -1.5, Math.PI, 1e300, -2.5e-300, double.Epsilon, double.MaxValue, QuietNaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 3.0];
        cases.AddRange(doubles.Select(d => InteropCase.Plain($"float64 {d:R} ({BitConverter.DoubleToInt64Bits(d):x16})", d)));
        float[] singles = [1.5f, -0.25f, float.MaxValue, float.Epsilon, float.PositiveInfinity, 7f];
        cases.AddRange(singles.Select(f => InteropCase.Plain($"float32 {f:R}", f)));

        foreach (var length in new[] { 0, 1, 31, 32, 255, 256, 65535, 65536 })
        {
            cases.Add(InteropCase.Plain($"str of {length} bytes", Ascii(length)));
        }

        cases.Add(InteropCase.Plain("str of 31 bytes, two-byte characters", new string('é', 15) + "a"));
        cases.Add(InteropCase.Plain("str of 32 bytes, two-byte characters", new string('é', 16)));
        cases.Add(InteropCase.Plain("str unicode", "héllo wörld 🙂 日本語 \u0000 \"quoted\" \\"));
        foreach (var length in new[] { 0, 1, 255, 256, 65535, 65536 })
        {
            cases.Add(InteropCase.Plain($"bin of {length} bytes", Enumerable.Range(0, length).Select(i => (byte)(i % 251)).ToArray()));
        }

        foreach (var count in new[] { 0, 1, 15, 16, 65535, 65536 })
        {
            cases.Add(InteropCase.Plain($"array of {count}", Enumerable.Range(0, count).Select(i => (object?)(long)(i % 200)).ToArray()));
            cases.Add(InteropCase.Plain($"map of {count}", Enumerable.Range(0, count).ToDictionary(i => $"k{i:D5}", i => (object?)(long)(i % 200))));
        }

        cases.Add(InteropCase.Plain("array of mixed values", new object?[] { null, true, 1L, -1L, "s", new byte[] { 1 }, 2.5, Array.Empty<object?>(), new Dictionary<string, object?>() }));
        cases.Add(InteropCase.Plain("nested structure", Nested()));
        cases.Add(InteropCase.Plain("map with integer keys", new Dictionary<object, object?> { [1L] = "one", [-1L] = "minus one", [300L] = null }));
        cases.Add(InteropCase.Plain("map with a bin key", new Dictionary<object, object?> { [new byte[] { 1, 2 }] = "bytes" }));
        cases.Add(InteropCase.Plain("array of floats", new object?[] { 1.25, -0.0, QuietNaN, 1e-10 }));

        (long Seconds, uint Nanoseconds)[] timestamps =
        [
            (0, 0), (1_700_000_000, 0), (uint.MaxValue, 0), // 32-bit
            (0, 1), (1, 999_999_999), (4_294_967_296, 0), (17_179_869_183, 999_999_999), // 64-bit
            (17_179_869_184, 0), (-1, 0), (-1, 999_999_999), (-62_135_596_800, 0), (253_402_300_799, 999_999_900), // 96-bit
        ];
        cases.AddRange(timestamps.Select(t => InteropCase.Plain($"timestamp {t.Seconds}.{t.Nanoseconds:D9}", new MessagePackTimestamp(t.Seconds, t.Nanoseconds))));
        var instant = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(-5)).AddTicks(1_234_567);
        cases.Add(InteropCase.Typed("DateTimeOffset", instant, MessagePackTimestamp.FromDateTimeOffset(instant)));
        cases.Add(InteropCase.Typed("DateTime", instant.UtcDateTime, MessagePackTimestamp.FromDateTimeOffset(instant)));

        foreach (var length in new[] { 1, 2, 4, 8, 16, 0, 3, 17, 255, 256, 65535, 65536 })
        {
            var type = (sbyte)(length % 2 == 0 ? 5 : 127);
            cases.Add(InteropCase.Plain($"ext {type} of {length} bytes", new MessagePackExtension(type, Enumerable.Range(0, length).Select(i => (byte)i).ToArray())));
        }

        cases.Add(InteropCase.Plain("ext -128", new MessagePackExtension(-128, [9, 9, 9])));
        AddTyped(cases);
        return cases;
    }

    private static void AddTyped(List<InteropCase> cases)
    {
        var record = new TestRecord(42, "answer", [0.5, -2.25]);
        cases.Add(InteropCase.Typed("record", record, new Dictionary<string, object?> { ["Id"] = 42L, ["Name"] = "answer", ["Values"] = new object?[] { 0.5, -2.25 } }));
        cases.Add(InteropCase.Typed("keyed record", new KeyedPoint(3, "p"), new object?[] { "p", null, 3L }));
        cases.Add(InteropCase.Typed("string list", new List<string> { "a", "b" }, new object?[] { "a", "b" }));
        cases.Add(InteropCase.Typed("dictionary of int arrays", new Dictionary<string, int[]> { ["x"] = [1, 2], ["y"] = [] }, new Dictionary<string, object?> { ["x"] = new object?[] { 1L, 2L }, ["y"] = Array.Empty<object?>() }));
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        cases.Add(InteropCase.Typed("Guid", guid, "0f8fad5b-d9cb-469f-a165-70867728950e"));
        cases.Add(InteropCase.Typed("decimal", 12345.6789m, "12345.6789"));
        cases.Add(InteropCase.Typed("char", 'ß', "ß"));
        cases.Add(InteropCase.Typed("enum", DayOfWeek.Friday, 5L));
        cases.Add(InteropCase.Typed<int?>("nullable with value", 9, 9L));
    }

    private static Dictionary<string, object?> Nested() => new()
    {
        ["name"] = "nested",
        ["list"] = new object?[] { 1L, new object?[] { 2L, new object?[] { 3L, new Dictionary<string, object?> { ["deep"] = true } } }, null },
        ["bin"] = new byte[] { 0xde, 0xad },
        ["map"] = new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?> { ["b"] = new Dictionary<string, object?>() } },
        ["when"] = new MessagePackTimestamp(1, 200),
        ["ext"] = new MessagePackExtension(1, [1]),
        ["ratio"] = 0.75,
    };

    private static string Ascii(int length) => string.Create(length, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)('a' + (i % 26));
        }
    });

    public sealed record KeyedPoint([property: MessagePackKey(2)] int X, [property: MessagePackKey(0)] string Label);
}

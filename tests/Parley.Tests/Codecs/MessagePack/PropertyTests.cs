using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Parley.Codecs.MessagePack;
using Parley.Tests.Protocol;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>Any value round-trips, in the smallest format, whatever the segmentation of the input.</summary>
public sealed class PropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(300);

    [Fact]
    public void Serialize_AnyInt64_RoundTripsInSmallestFormat()
    {
        // Arrange: values from every width, not just small ones
        var values = Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>(),
            Gen.Choose(0, 63).SelectMany(shift => Gen.Elements(1L << shift, (1L << shift) - 1, -(1L << shift), -(1L << shift) - 1)));

        // Act and assert
        Check.One(Quick, Prop.ForAll(Arb.From(values), value =>
        {
            var bytes = Bytes.Encode(value);
            Assert.Equal(value, Bytes.Decode<long>(bytes));
            Assert.Equal(SmallestSize(value), bytes.Length);
            Assert.Equal(value, Bytes.Decode(bytes, typeof(object)));
        }));
    }

    [Fact]
    public void Serialize_AnyUInt64_RoundTrips()
    {
        // Act and assert
        Check.One(Quick, Prop.ForAll(Arb.From(ArbMap.Default.GeneratorFor<ulong>()), value =>
        {
            var bytes = Bytes.Encode(value);
            Assert.Equal(value, Bytes.Decode<ulong>(bytes));
            Assert.Equal(value <= long.MaxValue ? (object)(long)value : value, Bytes.Decode(bytes, typeof(object)));
        }));
    }

    [Fact]
    public void Serialize_AnyNarrowIntegers_RoundTrip()
    {
        // Arrange
        var values =
            from a in ArbMap.Default.GeneratorFor<int>()
            from b in ArbMap.Default.GeneratorFor<short>()
            from c in ArbMap.Default.GeneratorFor<sbyte>()
            from d in ArbMap.Default.GeneratorFor<uint>()
            from e in ArbMap.Default.GeneratorFor<ushort>()
            from f in ArbMap.Default.GeneratorFor<byte>()
            select (a, b, c, d, e, f);

        // Act and assert
        Check.One(Quick, Prop.ForAll(Arb.From(values), v =>
        {
            Assert.Equal(v.a, Bytes.Decode<int>(Bytes.Encode(v.a)));
            Assert.Equal(v.b, Bytes.Decode<short>(Bytes.Encode(v.b)));
            Assert.Equal(v.c, Bytes.Decode<sbyte>(Bytes.Encode(v.c)));
            Assert.Equal(v.d, Bytes.Decode<uint>(Bytes.Encode(v.d)));
            Assert.Equal(v.e, Bytes.Decode<ushort>(Bytes.Encode(v.e)));
            Assert.Equal(v.f, Bytes.Decode<byte>(Bytes.Encode(v.f)));
        }));
    }

    [Fact]
    public void Serialize_AnyDoubleOrSingle_RoundTripsBitForBit()
    {
        // Arrange: random bit patterns cover NaN payloads, infinities, subnormals and negative zero
        var doubles = Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>().Select(BitConverter.Int64BitsToDouble),
            Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue));
        var singles = ArbMap.Default.GeneratorFor<int>().Select(BitConverter.Int32BitsToSingle);

        // Act and assert
        Check.One(Quick, Prop.ForAll(Arb.From(doubles), Arb.From(singles), (d, s) =>
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits(Bytes.Decode<double>(Bytes.Encode(d))));
            Assert.Equal(BitConverter.SingleToInt32Bits(s), BitConverter.SingleToInt32Bits(Bytes.Decode<float>(Bytes.Encode(s))));
        }));
    }

    [Fact]
    public void Serialize_AnyWellFormedString_RoundTripsAsStr()
    {
        // Arrange: any text, including astral characters, of any str length class
        var strings = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && IsWellFormed(s)),
            Gen.Choose(0, 70_000).Select(n => new string('é', n / 2)),
            Gen.ArrayOf(Gen.Elements("a", "ß", "€", "🙂", "日")).Select(parts => string.Concat(parts)));

        // Act and assert
        Check.One(Quick.WithMaxTest(150), Prop.ForAll(Arb.From(strings), text =>
        {
            var bytes = Bytes.Encode(text);
            Assert.Equal(text, Bytes.Decode<string>(bytes));
            var utf8Length = System.Text.Encoding.UTF8.GetByteCount(text);
            Assert.Equal(utf8Length switch { <= 31 => 0xa0 | utf8Length, <= 255 => 0xd9, <= 65535 => 0xda, _ => 0xdb }, bytes[0]);
            Assert.Equal(text, MessagePackRpcCodec.Default.Deserialize(SequenceSegment.Split(bytes, 7), typeof(string)));
        }));
    }

    [Fact]
    public void Serialize_AnyByteArray_RoundTripsAsBin()
    {
        // Act and assert
        Check.One(Quick, Prop.ForAll(Arb.From(ArbMap.Default.GeneratorFor<byte[]>().Where(b => b is not null)), data =>
        {
            var bytes = Bytes.Encode(data);
            Assert.Equal(data, Bytes.Decode<byte[]>(bytes));
            Assert.Equal(data, Assert.IsType<byte[]>(Bytes.Decode(bytes, typeof(object))));
        }));
    }

    [Fact]
    public void Serialize_AnyNaturalTree_RoundTripsAndSurvivesAnySplit()
    {
        // Act and assert
        Check.One(Quick, Prop.ForAll(Arb.From(NaturalTrees()), Arb.From(Gen.Choose(1, 16)), (tree, segment) =>
        {
            var bytes = Bytes.Encode(tree, typeof(object));
            var whole = Bytes.Decode(bytes, typeof(object));
            var split = MessagePackRpcCodec.Default.Deserialize(SequenceSegment.Split(bytes, segment), typeof(object));
            Assert.True(NaturalEquality.Equal(tree, whole), $"decoded differently: {Bytes.ToHex(bytes)}");
            Assert.True(NaturalEquality.Equal(tree, split), $"decoded differently in segments of {segment}: {Bytes.ToHex(bytes)}");
            Assert.Equal(bytes, Bytes.Encode(whole, typeof(object)));
        }));
    }

    [Fact]
    public void Serialize_AnyRecord_RoundTrips()
    {
        // Arrange
        var records =
            from id in ArbMap.Default.GeneratorFor<long>()
            from name in ArbMap.Default.GeneratorFor<string>().Where(s => s is null || IsWellFormed(s))
            from scores in Gen.ArrayOf(ArbMap.Default.GeneratorFor<double>())
            from tags in Gen.ListOf(Gen.Elements("a", "b", "ü"))
            from when in ArbMap.Default.GeneratorFor<DateTimeOffset>()
            from flag in ArbMap.Default.GeneratorFor<bool?>()
            select new Sample(id, name, scores, [.. tags], new Dictionary<string, int> { ["n"] = scores.Length }, when.ToUniversalTime(), flag);

        // Act and assert
        Check.One(Quick, Prop.ForAll(Arb.From(records), record =>
        {
            var bytes = Bytes.Encode(record);
            var decoded = Bytes.Decode<Sample>(bytes);
            Assert.Equal(record.Id, decoded.Id);
            Assert.Equal(record.Name, decoded.Name);
            Assert.True(NaturalEquality.Equal(record.Scores, decoded.Scores));
            Assert.Equal(record.Tags, decoded.Tags);
            Assert.Equal(record.Counts, decoded.Counts);
            Assert.Equal(record.When, decoded.When);
            Assert.Equal(record.Flag, decoded.Flag);
            Assert.Equal(bytes, Bytes.Encode(decoded));
        }));
    }

    [Fact]
    public void DeserializeArguments_AnyArgumentsInAnySegments_RoundTrip()
    {
        // Arrange
        var argument = Gen.OneOf(
            ArbMap.Default.GeneratorFor<int>().Select(i => (object?)i),
            ArbMap.Default.GeneratorFor<long>().Select(l => (object?)l),
            ArbMap.Default.GeneratorFor<string>().Where(s => s is null || IsWellFormed(s)).Select(s => (object?)s),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (object?)b),
            ArbMap.Default.GeneratorFor<Guid>().Select(g => (object?)g));
        var argumentLists = Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(argument, n));

        // Act and assert
        Check.One(Quick, Prop.ForAll(Arb.From(argumentLists), Arb.From(Gen.Choose(1, 5)), (arguments, segment) =>
        {
            var output = new ArrayBufferWriter<byte>();
            MessagePackRpcCodec.Default.SerializeArguments(output, arguments);
            var types = arguments.Select(a => a?.GetType() ?? typeof(string)).ToArray();
            var decoded = MessagePackRpcCodec.Default.DeserializeArguments(SequenceSegment.Split(output.WrittenSpan, segment), types);
            Assert.Equal(arguments, decoded);
        }));
    }

    private static Gen<object?> NaturalTrees()
    {
        var leaf = Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>().Select(v => (object?)v),
            ArbMap.Default.GeneratorFor<double>().Select(v => (object?)v),
            ArbMap.Default.GeneratorFor<bool>().Select(v => (object?)v),
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && IsWellFormed(s)).Select(v => (object?)v),
            ArbMap.Default.GeneratorFor<byte[]>().Where(b => b is not null).Select(v => (object?)v),
            Gen.Constant<object?>(null));
        return Gen.Sized(size => Tree(leaf, Math.Min(size, 4)));
    }

    private static Gen<object?> Tree(Gen<object?> leaf, int depth)
    {
        if (depth == 0)
        {
            return leaf;
        }

        var child = Tree(leaf, depth - 1);
        var array = Gen.Choose(0, 18).SelectMany(n => Gen.ArrayOf(child, n)).Select(items => (object?)items);
        var map = Gen.Choose(0, 18).SelectMany(n => Gen.ArrayOf(child, n)).Select(values =>
        {
            var dictionary = new Dictionary<string, object?>();
            for (var i = 0; i < values.Length; i++)
            {
                dictionary["key" + i] = values[i];
            }

            return (object?)dictionary;
        });
        return Gen.Frequency((3, leaf), (1, array), (1, map));
    }

    private static int SmallestSize(long value) => value switch
    {
        >= -32 and <= 127 => 1,
        >= sbyte.MinValue and <= byte.MaxValue => 2,
        >= short.MinValue and <= ushort.MaxValue => 3,
        >= int.MinValue and <= uint.MaxValue => 5,
        _ => 9,
    };

    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    public sealed record Sample(
        long Id, string? Name, double[] Scores, List<string> Tags, Dictionary<string, int> Counts, DateTimeOffset When, bool? Flag);
}

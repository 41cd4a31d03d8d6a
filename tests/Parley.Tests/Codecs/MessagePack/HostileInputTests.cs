using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Parley.Codecs.MessagePack;
using Parley.Tests.Protocol;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>Malformed, truncated, oversized and deeply nested input fails with a clear MessagePackSerializationException.</summary>
public sealed class HostileInputTests
{
    private static readonly Type[] Targets = [typeof(object), typeof(Sample), typeof(Dictionary<string, object?>), typeof(int[]), typeof(string)];

    [Fact]
    public void Deserialize_EveryTruncation_ThrowsSerializationException()
    {
        // Arrange: one value touching every family, each prefix also split into 1-byte segments
        var sample = new Sample(
            -70_000, ulong.MaxValue, 1.25f, Math.PI, new string('s', 40), new byte[300], [1, null, "x"],
            new Dictionary<string, int> { ["k"] = 1 }, DateTimeOffset.UnixEpoch.AddTicks(1), new MessagePackExtension(3, new byte[20]));
        var bytes = Bytes.Encode(sample);

        // Act and assert
        for (var length = 1; length < bytes.Length; length++)
        {
            var prefix = bytes.AsSpan(0, length);
            foreach (var input in new[] { new ReadOnlySequence<byte>(prefix.ToArray()), SequenceSegment.Split(prefix, 1) })
            {
                foreach (var target in Targets)
                {
                    Assert.Throws<MessagePackSerializationException>(() => MessagePackRpcCodec.Default.Deserialize(input, target));
                }
            }
        }
    }

    [Theory]
    [InlineData("dbffffffff", "a str of 4294967295 bytes cannot fit in the 0 remaining bytes (at byte offset 0)")]
    [InlineData("da00036162", "a str of 3 bytes cannot fit in the 2 remaining bytes (at byte offset 0)")]
    [InlineData("c6ffffffff00", "a bin of 4294967295 bytes cannot fit in the 1 remaining bytes (at byte offset 0)")]
    [InlineData("c9ffffffff05", "a ext of 4294967295 bytes cannot fit in the 0 remaining bytes (at byte offset 0)")]
    [InlineData("ddffffffff", "an array of 4294967295 elements cannot fit in the 0 remaining bytes (at byte offset 0)")]
    [InlineData("dd7fffffff010203", "an array of 2147483647 elements cannot fit in the 3 remaining bytes (at byte offset 0)")]
    [InlineData("dfffffffff", "a map of 4294967295 entries cannot fit in the 0 remaining bytes (at byte offset 0)")]
    [InlineData("830102030405", "a map of 3 entries cannot fit in the 5 remaining bytes (at byte offset 0)")]
    [InlineData("91dc0003c0c0", "an array of 3 elements cannot fit in the 2 remaining bytes (at byte offset 1)")]
    public void Deserialize_LengthBeyondRemainingBytes_ThrowsBeforeAllocating(string hex, string message)
    {
        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Decode(Bytes.FromHex(hex), typeof(object)));

        // Assert
        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void Deserialize_HugeArrayOfTypedLargeStructs_FailsWithoutAllocatingTheAnnouncedCount()
    {
        // Arrange: an array announcing 1,000,000 decimals, backed by 1,000,000 bytes that are not decimals but nils
        var bytes = new byte[5 + 1_000_000];
        Bytes.FromHex("dd000f4240").CopyTo(bytes, 0);
        bytes.AsSpan(5).Fill(0xc0);
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Decode<decimal[]>(bytes));

        // Assert: 1,000,000 decimals would be 16 MB
        Assert.Contains("expected str for Decimal but found nil", exception.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
    }

    public static TheoryData<Type> DeepTargets()
    {
        // object, and int nested in 65 arrays: int[][]...[]
        var jagged = typeof(int);
        for (var i = 0; i < 65; i++)
        {
            jagged = jagged.MakeArrayType();
        }

        return new TheoryData<Type> { typeof(object), jagged };
    }

    [Theory]
    [MemberData(nameof(DeepTargets))]
    public void Deserialize_NestingPastDefaultLimit_Throws(Type type)
    {
        // Arrange: 65 nested arrays around a 1
        var bytes = Enumerable.Repeat((byte)0x91, 65).Append((byte)0x01).ToArray();

        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Decode(bytes, type));

        // Assert
        Assert.Equal("the data nests deeper than the limit of 64 levels (at byte offset 64)", exception.Message);
    }

    [Fact]
    public void Deserialize_NestingAtDefaultLimit_Reads()
    {
        // Arrange: 64 nested arrays around a 1
        var bytes = Enumerable.Repeat((byte)0x91, 64).Append((byte)0x01).ToArray();

        // Act
        var value = Bytes.Decode(bytes, typeof(object));

        // Assert
        Assert.IsType<object?[]>(value);
    }

    [Fact]
    public void Deserialize_DeepValueUnderUnknownKey_ThrowsEvenWhenSkipped()
    {
        // Arrange: {"Unknown": [[[[1]]]]} read as a type without that property, with a limit of 3
        var codec = new MessagePackRpcCodec(new MessagePackCodecOptions { MaxDepth = 3 });
        var bytes = Bytes.FromHex("81a7556e6b6e6f776e9191919101");

        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Decode(bytes, typeof(Empty), codec));

        // Assert
        Assert.Equal("the data nests deeper than the limit of 3 levels (at byte offset 11)", exception.Message);
    }

    [Fact]
    public void SerializeArguments_NestingPastConfiguredLimit_Throws()
    {
        // Arrange
        var codec = new MessagePackRpcCodec(new MessagePackCodecOptions { MaxDepth = 2 });

        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(
            () => codec.SerializeArguments(new ArrayBufferWriter<byte>(), [new[] { new[] { 1 } }]));

        // Assert
        Assert.Contains("deeper than the limit of 2 levels", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a131", typeof(int), "expected int for Int32 but found str (at byte offset 0)")]
    [InlineData("c0", typeof(int), "expected int for Int32 but found nil (at byte offset 0)")]
    [InlineData("01", typeof(string), "expected str for String but found int (at byte offset 0)")]
    [InlineData("c40101", typeof(string), "expected str for String but found bin (at byte offset 0)")]
    [InlineData("8101", typeof(int[]), "expected array for Int32[] but found map (at byte offset 0)")]
    [InlineData("9101", typeof(Sample), "expected map for Sample but found array (at byte offset 0)")]
    [InlineData("cb3ff0000000000000", typeof(long), "expected int for Int64 but found float (at byte offset 0)")]
    [InlineData("a474727565", typeof(bool), "expected bool for Boolean but found str (at byte offset 0)")]
    [InlineData("d40501", typeof(DateTime), "expected a timestamp (ext -1) for DateTime but found ext 5 (at byte offset 0)")]
    [InlineData("01", typeof(double[]), "expected array for Double[] but found int (at byte offset 0)")]
    [InlineData("92a161c3", typeof(List<string>), "expected str for String but found bool (at byte offset 3)")]
    public void Deserialize_WrongFormatForTarget_ThrowsNamingBoth(string hex, Type type, string message)
    {
        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Decode(Bytes.FromHex(hex), type));

        // Assert
        Assert.Equal(message, exception.Message);
    }

    [Theory]
    [InlineData("cd0100", typeof(byte), "the integer 256 does not fit in Byte")]
    [InlineData("ff", typeof(byte), "the integer -1 does not fit in Byte")]
    [InlineData("cc80", typeof(sbyte), "the integer 128 does not fit in SByte")]
    [InlineData("d1ff7f", typeof(sbyte), "the integer -129 does not fit in SByte")]
    [InlineData("cd8000", typeof(short), "the integer 32768 does not fit in Int16")]
    [InlineData("ff", typeof(ushort), "the integer -1 does not fit in UInt16")]
    [InlineData("ce80000000", typeof(int), "the integer 2147483648 does not fit in Int32")]
    [InlineData("d3ffffffff7fffffff", typeof(int), "the integer -2147483649 does not fit in Int32")]
    [InlineData("cf0000000100000000", typeof(uint), "the integer 4294967296 does not fit in UInt32")]
    [InlineData("cfffffffffffffffff", typeof(long), "the integer 18446744073709551615 does not fit in Int64")]
    [InlineData("d38000000000000000", typeof(ulong), "the integer -9223372036854775808 does not fit in UInt64")]
    [InlineData("cd0100", typeof(TypeMappingTests.Color), "the integer 256 does not fit in Color")]
    public void Deserialize_IntegerTooLargeForTarget_Throws(string hex, Type type, string message)
    {
        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Decode(Bytes.FromHex(hex), type));

        // Assert
        Assert.Equal(message + " (at byte offset 0)", exception.Message);
    }

    [Theory]
    [InlineData("c1", "the byte 0xc1 is never used in MessagePack (at byte offset 0)")]
    [InlineData("92c0c1", "the byte 0xc1 is never used in MessagePack (at byte offset 2)")]
    [InlineData("a2c328", "a str is not valid UTF-8 (at byte offset 0)")]
    [InlineData("a3eda080", "a str is not valid UTF-8 (at byte offset 0)")]
    [InlineData("d4ff00", "a timestamp has 4, 8 or 12 bytes of data, not 1 (at byte offset 0)")]
    [InlineData("d7ffffffffff00000000", "a timestamp's nanoseconds must be below 1,000,000,000, not 1073741823 (at byte offset 0)")]
    [InlineData("c70cff3b9aca000000000000000000", "a timestamp's nanoseconds must be below 1,000,000,000, not 1000000000 (at byte offset 0)")]
    [InlineData("81c001", "a map key is nil (at byte offset 1)")]
    public void Deserialize_MalformedValue_Throws(string hex, string message)
    {
        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Decode(Bytes.FromHex(hex), typeof(object)));

        // Assert
        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void Serialize_LoneSurrogate_Throws()
    {
        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Encode("a\ud800b"));

        // Assert
        Assert.Equal("a string with a lone surrogate cannot be written as UTF-8", exception.Message);
    }

    [Fact]
    public void Deserialize_AnyBytes_ThrowsOnlySerializationExceptions()
    {
        // Arrange: random bytes, and random bytes after a valid prefix, in random segment sizes
        var prefixes = Gen.Elements(Array.Empty<byte>(), Bytes.FromHex("93"), Bytes.FromHex("82a15801"), Bytes.FromHex("dc0010"), Bytes.FromHex("df00000002"));
        var inputs =
            from prefix in prefixes
            from tail in ArbMap.Default.GeneratorFor<byte[]>()
            from segment in Gen.Choose(1, 8)
            select (Bytes: prefix.Concat(tail).ToArray(), Segment: segment);

        // Act and assert
        var config = Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(500);
        Check.One(config, Prop.ForAll(Arb.From(inputs), input =>
        {
            foreach (var target in Targets)
            {
                foreach (var sequence in new[] { new ReadOnlySequence<byte>(input.Bytes), SequenceSegment.Split(input.Bytes, input.Segment) })
                {
                    try
                    {
                        MessagePackRpcCodec.Default.Deserialize(sequence, target);
                    }
                    catch (MessagePackSerializationException)
                    {
                        // The only acceptable failure.
                    }
                }
            }
        }));
    }

    public sealed record Sample(
        int Small, ulong Big, float Narrow, double Wide, string Text, byte[] Blob, object?[] Mixed,
        Dictionary<string, int> Map, DateTimeOffset When, MessagePackExtension Extension);

    public sealed class Empty
    {
    }
}

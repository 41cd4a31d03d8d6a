using System.Collections;
using Parley.Codecs.MessagePack;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>How each supported .NET type is written (the table in docs/codecs.md) and read back.</summary>
public sealed class TypeMappingTests
{
    public enum Color : byte
    {
        Red = 1,
        Blue = 200,
    }

    public enum Offset : long
    {
        Far = -5_000_000_000,
    }

    [Fact]
    public void Serialize_Char_WritesOneCharacterStr()
    {
        // Act
        var bytes = Bytes.Encode('é');

        // Assert
        Assert.Equal("a2c3a9", Bytes.ToHex(bytes));
        Assert.Equal('é', Bytes.Decode<char>(bytes));
    }

    [Fact]
    public void Deserialize_CharFromLongerStr_Throws()
    {
        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Decode<char>(Bytes.FromHex("a26162")));

        // Assert
        Assert.Equal("expected a str of one character for Char but found 2 characters (at byte offset 0)", exception.Message);
    }

    [Fact]
    public void Serialize_Guid_WritesDFormStr()
    {
        // Arrange
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        // Act
        var bytes = Bytes.Encode(guid);

        // Assert
        Assert.Equal("d924" + Bytes.ToHex("0f8fad5b-d9cb-469f-a165-70867728950e"u8), Bytes.ToHex(bytes));
        Assert.Equal(guid, Bytes.Decode<Guid>(bytes));
    }

    [Theory]
    [InlineData("1.10")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    public void Serialize_Decimal_WritesInvariantStrKeepingScale(string text)
    {
        // Arrange
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        // Act
        var bytes = Bytes.Encode(value);

        // Assert
        Assert.Equal(text, Bytes.Decode<string>(bytes));
        Assert.Equal(text, Bytes.Decode<decimal>(bytes).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Deserialize_DecimalFromInteger_ReadsIt()
    {
        // Act
        var value = Bytes.Decode<decimal>(Bytes.FromHex("cfffffffffffffffff"));

        // Assert
        Assert.Equal(18446744073709551615m, value);
    }

    [Fact]
    public void Serialize_DateTimeOffset_WritesInstantAndReadsBackAsUtc()
    {
        // Arrange: 2024-02-29T12:00:00.1234567+02:00 is 10:00:00.1234567 UTC
        var local = new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        // Act
        var bytes = Bytes.Encode(local);
        var decoded = Bytes.Decode<DateTimeOffset>(bytes);

        // Assert
        Assert.Equal(local, decoded);
        Assert.Equal(TimeSpan.Zero, decoded.Offset);
        Assert.Equal(MessagePackTimestamp.FromDateTimeOffset(local), Bytes.Decode<MessagePackTimestamp>(bytes));
        Assert.Equal(123_456_700u, Bytes.Decode<MessagePackTimestamp>(bytes).Nanoseconds);
    }

    [Fact]
    public void Serialize_DateTimeKinds_UtcAndUnspecifiedAsIsLocalConverted()
    {
        // Arrange
        var utc = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        var unspecified = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
        var local = utc.ToLocalTime();

        // Act
        var fromUtc = Bytes.Decode<DateTime>(Bytes.Encode(utc));
        var fromUnspecified = Bytes.Decode<DateTime>(Bytes.Encode(unspecified));
        var fromLocal = Bytes.Decode<DateTime>(Bytes.Encode(local));

        // Assert
        Assert.Equal(DateTimeKind.Utc, fromUtc.Kind);
        Assert.Equal(utc, fromUtc);
        Assert.Equal(utc, fromUnspecified);
        Assert.Equal(utc, fromLocal);
        Assert.Equal("d6ff3a7b8372", Bytes.ToHex(Bytes.Encode(utc)));
    }

    [Fact]
    public void Deserialize_TimestampWithNanoseconds_TruncatesToTicks()
    {
        // Arrange: 1 s and 999 ns
        var bytes = Bytes.Encode(new MessagePackTimestamp(1, 999));

        // Act
        var value = Bytes.Decode<DateTimeOffset>(bytes);

        // Assert
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1).AddTicks(9), value);
    }

    [Fact]
    public void Deserialize_TimestampBeyondYear9999_ThrowsForDateTime()
    {
        // Arrange
        var bytes = Bytes.Encode(new MessagePackTimestamp(253402300800, 0));

        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Decode<DateTime>(bytes));

        // Assert
        Assert.Contains("outside the range of DateTime", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_DateTimeExtremes_RoundTrip()
    {
        // Act
        var min = Bytes.Decode<DateTime>(Bytes.Encode(DateTime.MinValue));
        var max = Bytes.Decode<DateTime>(Bytes.Encode(DateTime.MaxValue));

        // Assert
        Assert.Equal(DateTime.MinValue, min);
        Assert.Equal(DateTime.MaxValue, max);
    }

    [Fact]
    public void Serialize_Enums_WriteUnderlyingIntegers()
    {
        // Act
        var blue = Bytes.Encode(Color.Blue);
        var far = Bytes.Encode(Offset.Far);

        // Assert
        Assert.Equal("ccc8", Bytes.ToHex(blue));
        Assert.Equal(Color.Blue, Bytes.Decode<Color>(blue));
        Assert.Equal("d3fffffffed5fa0e00", Bytes.ToHex(far));
        Assert.Equal(Offset.Far, Bytes.Decode<Offset>(far));
        Assert.Equal((Color)7, Bytes.Decode<Color>(Bytes.FromHex("07")));
    }

    [Fact]
    public void Serialize_Nullable_WritesNilOrValue()
    {
        // Act
        var none = Bytes.Encode<int?>(null);
        var some = Bytes.Encode<int?>(-3);

        // Assert
        Assert.Equal("c0", Bytes.ToHex(none));
        Assert.Equal("fd", Bytes.ToHex(some));
        Assert.Null(Bytes.Decode<int?>(none));
        Assert.Equal(-3, Bytes.Decode<int?>(some));
    }

    [Fact]
    public void Serialize_ByteMemories_WriteBin()
    {
        // Act
        var readOnly = Bytes.Encode<ReadOnlyMemory<byte>>(new byte[] { 1, 2 });
        var writable = Bytes.Encode<Memory<byte>>(new byte[] { 3 });

        // Assert
        Assert.Equal("c4020102", Bytes.ToHex(readOnly));
        Assert.Equal("c40103", Bytes.ToHex(writable));
        Assert.Equal(new byte[] { 1, 2 }, Bytes.Decode<ReadOnlyMemory<byte>>(readOnly).ToArray());
        Assert.Equal(new byte[] { 3 }, Bytes.Decode<Memory<byte>>(writable).ToArray());
    }

    [Fact]
    public void Deserialize_BytesFromStr_ReadsRawBytes()
    {
        // Act: old-spec peers send raw bytes as str
        var value = Bytes.Decode<byte[]>(Bytes.FromHex("a20102"));

        // Assert
        Assert.Equal(new byte[] { 1, 2 }, value);
    }

    [Fact]
    public void Deserialize_CollectionInterfaces_ReadAsArraysOrLists()
    {
        // Arrange
        var bytes = Bytes.Encode(new List<int> { 1, 2, 3 });

        // Act and assert
        Assert.IsType<int[]>(Bytes.Decode<IEnumerable<int>>(bytes));
        Assert.IsType<int[]>(Bytes.Decode<IReadOnlyList<int>>(bytes));
        Assert.IsType<int[]>(Bytes.Decode<IReadOnlyCollection<int>>(bytes));
        Assert.IsType<List<int>>(Bytes.Decode<IList<int>>(bytes));
        Assert.IsType<List<int>>(Bytes.Decode<ICollection<int>>(bytes));
        Assert.Equal([1, 2, 3], Bytes.Decode<List<int>>(bytes));
        Assert.Equal(new object?[] { 1L, 2L, 3L }, Bytes.Decode<IList>(bytes));
    }

    [Fact]
    public void Serialize_CollectionShapes_WriteTheSameArray()
    {
        // Arrange
        static IEnumerable<int> Iterate()
        {
            yield return 1;
            yield return 2;
        }

        var expected = "920102";

        // Act and assert
        Assert.Equal(expected, Bytes.ToHex(Bytes.Encode(new[] { 1, 2 })));
        Assert.Equal(expected, Bytes.ToHex(Bytes.Encode(new List<int> { 1, 2 })));
        Assert.Equal(expected, Bytes.ToHex(Bytes.Encode<IEnumerable<int>>(Iterate())));
        Assert.Equal(expected, Bytes.ToHex(Bytes.Encode<IReadOnlyCollection<int>>(new HashSet<int> { 1, 2 })));
        Assert.Equal(expected, Bytes.ToHex(Bytes.Encode<ICollection<int>>(new LinkedList<int>([1, 2]))));
        Assert.Equal(expected, Bytes.ToHex(Bytes.Encode<IList>(new ArrayList { 1, 2 })));
    }

    [Fact]
    public void Serialize_DictionaryShapes_WriteTheSameMap()
    {
        // Arrange
        var dictionary = new Dictionary<int, string> { [1] = "a", [-1] = "b" };
        var expected = "8201a161ffa162";

        // Act and assert
        Assert.Equal(expected, Bytes.ToHex(Bytes.Encode(dictionary)));
        Assert.Equal("82ffa16201a161", Bytes.ToHex(Bytes.Encode<IDictionary<int, string>>(new SortedDictionary<int, string>(dictionary))));
        Assert.Equal(expected, Bytes.ToHex(Bytes.Encode<IReadOnlyDictionary<int, string>>(dictionary)));
        Assert.Equal(dictionary, Bytes.Decode<Dictionary<int, string>>(Bytes.FromHex(expected)));
        Assert.IsType<Dictionary<int, string>>(Bytes.Decode<IDictionary<int, string>>(Bytes.FromHex(expected)));
        Assert.IsType<Dictionary<int, string>>(Bytes.Decode<IReadOnlyDictionary<int, string>>(Bytes.FromHex(expected)));
    }

    [Fact]
    public void Deserialize_DictionaryWithRepeatedKey_KeepsLastValue()
    {
        // Act: {"a": 1, "a": 2}
        var value = Bytes.Decode<Dictionary<string, int>>(Bytes.FromHex("82a16101a16102"));

        // Assert
        Assert.Equal(2, Assert.Single(value).Value);
    }

    [Fact]
    public void Deserialize_DictionaryWithNilKey_Throws()
    {
        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(
            () => Bytes.Decode<Dictionary<string, int>>(Bytes.FromHex("81c001")));

        // Assert
        Assert.Equal("a key of Dictionary<String, Int32> is nil (at byte offset 1)", exception.Message);
    }

    [Fact]
    public void Serialize_NonGenericDictionary_WritesEntriesByRuntimeType()
    {
        // Arrange
        var table = new Hashtable { ["k"] = 1 };

        // Act
        var bytes = Bytes.Encode<IDictionary>(table);

        // Assert
        Assert.Equal("81a16b01", Bytes.ToHex(bytes));
        Assert.Equal(1L, Bytes.Decode<IDictionary>(bytes)["k"]);
    }
}

using Parley.Codecs.MessagePack;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>Records, classes and structs: map keys, the compact array form, construction and ignored properties.</summary>
public sealed class ObjectMappingTests
{
    [Fact]
    public void Serialize_Class_WritesPropertiesAsMapInDeclarationOrder()
    {
        // Arrange
        var value = new Settable { Name = "n", Count = 3 };

        // Act
        var bytes = Bytes.Encode(value);
        var decoded = Bytes.Decode<Settable>(bytes);

        // Assert: {"Name": "n", "Count": 3}
        Assert.Equal("82a44e616d65a16ea5436f756e7403", Bytes.ToHex(bytes));
        Assert.Equal("n", decoded.Name);
        Assert.Equal(3, decoded.Count);
    }

    [Fact]
    public void Deserialize_KeysInAnyOrderWithUnknownOnes_MatchesExactNamesAndSkipsTheRest()
    {
        // Arrange: {"Count": 3, "name": "lower case is another key", "Extra": [1, {"x": 2}], 7: nil, "Name": "n"}
        var bytes = Bytes.FromHex("85a5436f756e7403a46e616d65a16ca54578747261920181a17802 07c0 a44e616d65a16e");

        // Act
        var decoded = Bytes.Decode<Settable>(bytes);

        // Assert
        Assert.Equal("n", decoded.Name);
        Assert.Equal(3, decoded.Count);
    }

    [Fact]
    public void Deserialize_RecordWithPrimaryConstructor_UsesConstructorAndParameterDefaults()
    {
        // Arrange: {"Id": 7} — Label is missing and its parameter has a default; Tags is missing and has none
        var bytes = Bytes.FromHex("81a2496407");

        // Act
        var decoded = Bytes.Decode<Tagged>(bytes);

        // Assert
        Assert.Equal(7, decoded.Id);
        Assert.Equal("none", decoded.Label);
        Assert.Null(decoded.Tags);
        Assert.Equal(1, decoded.ConstructorCalls);
    }

    [Fact]
    public void Deserialize_RecordWithExtraSettableProperty_SetsItAfterConstruction()
    {
        // Arrange
        var value = new Tagged(1, "a", ["x"]) { Note = "after" };

        // Act
        var decoded = Bytes.Decode<Tagged>(Bytes.Encode(value));

        // Assert
        Assert.Equal("after", decoded.Note);
        Assert.Equal(["x"], decoded.Tags!);
        Assert.Equal("initial", Bytes.Decode<Tagged>(Bytes.FromHex("81a2496401")).Note);
    }

    [Fact]
    public void Serialize_KeyedProperties_WritesArrayByKeyWithNilGaps()
    {
        // Arrange
        var value = new Keyed { First = 1, Third = "c" };

        // Act
        var bytes = Bytes.Encode(value);
        var decoded = Bytes.Decode<Keyed>(bytes);

        // Assert: [1, nil, "c"]
        Assert.Equal("9301c0a163", Bytes.ToHex(bytes));
        Assert.Equal(1, decoded.First);
        Assert.Equal("c", decoded.Third);
    }

    [Fact]
    public void Deserialize_KeyedFromShorterOrLongerArray_DefaultsMissingAndSkipsExtra()
    {
        // Act
        var shorter = Bytes.Decode<Keyed>(Bytes.FromHex("9105"));
        var longer = Bytes.Decode<Keyed>(Bytes.FromHex("9505c0a163c3920102"));

        // Assert
        Assert.Equal(5, shorter.First);
        Assert.Null(shorter.Third);
        Assert.Equal(5, longer.First);
        Assert.Equal("c", longer.Third);
    }

    [Fact]
    public void Serialize_KeyedRecord_ConstructsFromArray()
    {
        // Arrange
        var value = new KeyedRecord(-1, "z");

        // Act
        var bytes = Bytes.Encode(value);

        // Assert
        Assert.Equal("92a17aff", Bytes.ToHex(bytes));
        Assert.Equal(value, Bytes.Decode<KeyedRecord>(bytes));
    }

    [Fact]
    public void Serialize_IgnoredProperty_IsNeitherWrittenNorRead()
    {
        // Arrange
        var value = new WithIgnored { Kept = 1, Secret = "s" };

        // Act
        var bytes = Bytes.Encode(value);
        var decoded = Bytes.Decode<WithIgnored>(Bytes.FromHex("82a44b65707401a6536563726574a173"));

        // Assert
        Assert.Equal("81a44b65707401", Bytes.ToHex(bytes));
        Assert.Equal(1, decoded.Kept);
        Assert.Null(decoded.Secret);
    }

    [Fact]
    public void Serialize_Struct_RoundTripsThroughSetters()
    {
        // Arrange
        var value = new Vector { X = 1.5, Y = -2 };

        // Act
        var decoded = Bytes.Decode<Vector>(Bytes.Encode(value));

        // Assert
        Assert.Equal(value, decoded);
    }

    [Fact]
    public void Deserialize_NilForStruct_Throws()
    {
        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Decode<Vector>(Bytes.FromHex("c0")));

        // Assert
        Assert.Equal("expected map for Vector but found nil (at byte offset 0)", exception.Message);
    }

    [Fact]
    public void Serialize_NestedRecordsAndCollections_RoundTrip()
    {
        // Arrange
        var tree = new Node("root", [new Node("a", []), new Node("b", [new Node("c", [])])]);

        // Act
        var decoded = Bytes.Decode<Node>(Bytes.Encode(tree));

        // Assert
        Assert.Equal("root", decoded.Name);
        Assert.Equal(["a", "b"], decoded.Children.Select(c => c.Name));
        Assert.Equal("c", decoded.Children[1].Children[0].Name);
    }

    [Fact]
    public void Serialize_ReferenceCycle_ThrowsInsteadOfOverflowingTheStack()
    {
        // Arrange
        var node = new Cyclic();
        node.Next = node;

        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Encode(node));

        // Assert
        Assert.Contains("deeper than the limit of 64", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_AnonymousType_WritesItsProperties()
    {
        // Act
        var bytes = Bytes.Encode(new { A = 1, B = "b" }, typeof(object));

        // Assert
        Assert.Equal("82a14101a142a162", Bytes.ToHex(bytes));
    }

    [Theory]
    [InlineData(typeof(MissingKey), "MissingKey.B has no [MessagePackKey]")]
    [InlineData(typeof(DuplicateKey), "have the same [MessagePackKey(0)]")]
    [InlineData(typeof(NoConstructor), "neither a public parameterless constructor nor a public constructor")]
    [InlineData(typeof(TimeSpan), "TimeSpan is not supported by the MessagePack codec: it is a framework type with no MessagePack mapping")]
    [InlineData(typeof(int[,]), "multi-dimensional array")]
    [InlineData(typeof(Stream), "abstract or an interface")]
    [InlineData(typeof(HashSet<int>), "is a collection other than")]
    public void Deserialize_UnsupportedType_ThrowsWithReason(Type type, string reason)
    {
        // Act
        var exception = Assert.Throws<MessagePackSerializationException>(() => Bytes.Decode(Bytes.FromHex("c0"), type));

        // Assert
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CanCarry_UnsupportedNestedType_SaysNoWithReason()
    {
        // Act
        var carried = MessagePackRpcCodec.Default.CanCarry([typeof(int), typeof(List<Holder>)], typeof(string), out var reason);
        var fine = MessagePackRpcCodec.Default.CanCarry([typeof(Node), typeof(Dictionary<string, int[]>)], null, out var none);

        // Assert
        Assert.False(carried);
        Assert.Equal("TimeSpan is not supported by the MessagePack codec: it is a framework type with no MessagePack mapping", reason);
        Assert.True(fine);
        Assert.Null(none);
    }

    public sealed class Settable
    {
        public string? Name { get; set; }

        public int Count { get; set; }
    }

    public sealed record Tagged(int Id, string Label = "none", string[]? Tags = null)
    {
        public int ConstructorCalls { get; } = 1;

        public string Note { get; set; } = "initial";
    }

    public sealed class Keyed
    {
        [MessagePackKey(0)]
        public int First { get; set; }

        [MessagePackKey(2)]
        public string? Third { get; set; }
    }

    public sealed record KeyedRecord([property: MessagePackKey(1)] int B, [property: MessagePackKey(0)] string A);

    public sealed class WithIgnored
    {
        public int Kept { get; set; }

        [MessagePackIgnore]
        public string? Secret { get; set; }
    }

    public record struct Vector(double X, double Y);

    public sealed record Node(string Name, IReadOnlyList<Node> Children);

    public sealed class Cyclic
    {
        public Cyclic? Next { get; set; }
    }

    public sealed class MissingKey
    {
        [MessagePackKey(0)]
        public int A { get; set; }

        public int B { get; set; }
    }

    public sealed class DuplicateKey
    {
        [MessagePackKey(0)]
        public int A { get; set; }

        [MessagePackKey(0)]
        public int B { get; set; }
    }

    public sealed class NoConstructor(int seed)
    {
        public int Value { get; } = seed;
    }

    public sealed record Holder(TimeSpan Span);
}

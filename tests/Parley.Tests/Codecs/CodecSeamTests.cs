using System.Buffers;
using Parley.Codecs;
using Parley.Tests.Protocol;

namespace Parley.Tests.Codecs;

/// <summary>
/// What every codec must do at the seam, whatever its bytes look like; each codec runs it through a subclass below.
/// Byte-level and malformed-input tests live in each codec's own test class.
/// </summary>
public abstract class CodecSeamTests
{
    protected abstract RpcCodec Codec { get; }

    [Fact]
    public void DeserializeArguments_MixedArguments_RoundTrip()
    {
        // Arrange
        var shape = new Shape(3, "héllo 🙂", [1.5, -2]);
        object?[] arguments = [42, "text", shape, null, new[] { 1, 2, 3 }, 1.5, true, 9_007_199_254_740_993L];
        var payload = SerializeArguments(arguments);

        // Act
        var decoded = Codec.DeserializeArguments(
            payload,
            [typeof(int), typeof(string), typeof(Shape), typeof(Shape), typeof(int[]), typeof(double), typeof(bool), typeof(long)]);

        // Assert
        Assert.Equal(42, decoded[0]);
        Assert.Equal("text", decoded[1]);
        Assert.Equal(shape.Id, ((Shape)decoded[2]!).Id);
        Assert.Equal(shape.Values, ((Shape)decoded[2]!).Values);
        Assert.Null(decoded[3]);
        Assert.Equal(new[] { 1, 2, 3 }, decoded[4]);
        Assert.Equal(1.5, decoded[5]);
        Assert.Equal(true, decoded[6]);
        Assert.Equal(9_007_199_254_740_993L, decoded[7]);
    }

    [Fact]
    public void DeserializeArguments_PayloadSplitIntoTinySegments_RoundTrips()
    {
        // Arrange
        var bytes = SerializeArguments(["a long enough string to span several segments", 12345, new Shape(1, "ü", [])]).ToArray();
        var payload = SequenceSegment.Split(bytes, 3);

        // Act
        var decoded = Codec.DeserializeArguments(payload, [typeof(string), typeof(int), typeof(Shape)]);

        // Assert
        Assert.Equal("a long enough string to span several segments", decoded[0]);
        Assert.Equal(12345, decoded[1]);
        Assert.Equal("ü", ((Shape)decoded[2]!).Name);
    }

    [Fact]
    public void DeserializeArguments_EmptyPayloadNoParameters_ReturnsNoArguments()
    {
        // Act
        var decoded = Codec.DeserializeArguments(ReadOnlySequence<byte>.Empty, []);

        // Assert
        Assert.Empty(decoded);
    }

    [Theory]
    [InlineData(0, 1)] // an empty payload is zero arguments
    [InlineData(2, 1)]
    [InlineData(2, 3)]
    public void DeserializeArguments_CountDiffersFromParameters_ThrowsNamingTheCounts(int sent, int expected)
    {
        // Arrange
        var payload = sent == 0 ? ReadOnlySequence<byte>.Empty : SerializeArguments([.. Enumerable.Range(1, sent).Cast<object?>()]);
        var types = Enumerable.Repeat(typeof(int), expected).ToArray();

        // Act
        var exception = Assert.ThrowsAny<Exception>(() => Codec.DeserializeArguments(payload, types));

        // Assert
        Assert.Contains($"expected {expected} argument(s), got {sent}", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(string), null)]
    [InlineData(typeof(int), 0)]
    [InlineData(typeof(int?), null)]
    public void Deserialize_EmptyPayload_GivesNullOrDefault(Type type, object? expected)
    {
        // Act
        var value = Codec.Deserialize(ReadOnlySequence<byte>.Empty, type);

        // Assert
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Deserialize_EmptyPayloadForStruct_GivesDefaultStruct()
    {
        // Act
        var value = Codec.Deserialize(ReadOnlySequence<byte>.Empty, typeof(DateTime));

        // Assert
        Assert.Equal(default(DateTime), value);
    }

    [Fact]
    public void Deserialize_SerializedRecord_RoundTrips()
    {
        // Arrange
        var shape = new Shape(7, "seven", [0.25, 1e300, -0.0]);
        var output = new ArrayBufferWriter<byte>();
        Codec.Serialize(output, shape, typeof(Shape));

        // Act
        var decoded = (Shape)Codec.Deserialize(new ReadOnlySequence<byte>(output.WrittenMemory), typeof(Shape))!;

        // Assert
        Assert.Equal((shape.Id, shape.Name), (decoded.Id, decoded.Name));
        Assert.Equal(shape.Values, decoded.Values);
    }

    [Fact]
    public void Serialize_SameThreadTwoOutputs_EachOutputGetsOnlyItsValue()
    {
        // Arrange: codecs may cache a writer per thread; it must follow each new output.
        var first = new ArrayBufferWriter<byte>();
        var second = new ArrayBufferWriter<byte>();

        // Act
        Codec.Serialize(first, 1, typeof(int));
        Codec.Serialize(second, "two", typeof(string));

        // Assert
        Assert.Equal(1, Codec.Deserialize(new ReadOnlySequence<byte>(first.WrittenMemory), typeof(int)));
        Assert.Equal("two", Codec.Deserialize(new ReadOnlySequence<byte>(second.WrittenMemory), typeof(string)));
    }

    private ReadOnlySequence<byte> SerializeArguments(object?[] arguments)
    {
        var output = new ArrayBufferWriter<byte>();
        Codec.SerializeArguments(output, arguments);
        return new ReadOnlySequence<byte>(output.WrittenMemory);
    }

    public sealed record Shape(int Id, string Name, IReadOnlyList<double> Values);
}

public sealed class JsonCodecSeamTests : CodecSeamTests
{
    protected override RpcCodec Codec => JsonRpcCodec.Default;
}

public sealed class MessagePackCodecSeamTests : CodecSeamTests
{
    protected override RpcCodec Codec => Parley.Codecs.MessagePack.MessagePackRpcCodec.Default;
}

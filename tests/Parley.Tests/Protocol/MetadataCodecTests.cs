using Parley.Tests.TestSupport;
using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Parley.Protocol;

namespace Parley.Tests.Protocol;

public sealed class MetadataCodecTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithQuietOnSuccess(true);

    [Fact]
    public void TryRead_WrittenMetadata_RoundTripsInOrder()
    {
        // Arrange
        var metadata = new RpcMetadata()
            .AddReserved(RpcMetadata.ServiceKey, "Greeter")
            .Add("greeting", "grüß dich, 日本, 🙂")
            .Add("empty", string.Empty)
            .Add("tag", "first")
            .Add("tag", "second");
        var bytes = Encode(metadata);

        // Act
        var ok = MetadataCodec.TryRead(new ReadOnlySequence<byte>(bytes), new ProtocolLimits(), out var decoded, out var error);

        // Assert
        Assert.True(ok, error);
        Assert.Null(error);
        Assert.Equal(metadata, decoded);
        Assert.Equal("first", decoded.Get("tag"));
        Assert.Equal(string.Empty, decoded.Get("empty"));
        Assert.Null(decoded.Get("missing"));
    }

    [Fact]
    public void Write_EntryLayout_IsKeyLengthKeyBigEndianValueLengthUtf8Value()
    {
        // Arrange
        var metadata = new RpcMetadata().Add("k", "é");

        // Act
        var bytes = Encode(metadata);

        // Assert
        Assert.Equal(new byte[] { 0x01, (byte)'k', 0x00, 0x02, 0xC3, 0xA9 }, bytes);
    }

    [Fact]
    public void Write_NullOrEmptyMetadata_WritesNothing()
    {
        // Arrange
        var output = new ArrayBufferWriter<byte>();

        // Act
        var nullCount = MetadataCodec.Write(output, null);
        var emptyCount = MetadataCodec.Write(output, new RpcMetadata());

        // Assert
        Assert.Equal(0, nullCount);
        Assert.Equal(0, emptyCount);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void TryRead_EmptyBlock_ReturnsZeroEntries()
    {
        // Arrange
        var block = ReadOnlySequence<byte>.Empty;

        // Act
        var ok = MetadataCodec.TryRead(block, new ProtocolLimits(), out var metadata, out var error);

        // Assert
        Assert.True(ok);
        Assert.Null(error);
        Assert.Empty(metadata);
    }

    [Fact]
    public void TryRead_LongestKeyAndLongestValue_RoundTrip()
    {
        // Arrange
        var key = new string('k', 255);
        var value = new string('v', ushort.MaxValue);
        var bytes = Encode(new RpcMetadata().Add(key, value));

        // Act
        var ok = MetadataCodec.TryRead(new ReadOnlySequence<byte>(bytes), new ProtocolLimits(), out var decoded, out var error);

        // Assert
        Assert.True(ok, error);
        Assert.Equal(1 + 255 + 2 + ushort.MaxValue, bytes.Length);
        Assert.Equal(value, decoded.Get(key));
    }

    [Fact]
    public void WriteEntry_ValueOverMaxBytes_ThrowsArgumentException()
    {
        // Arrange
        var output = new ArrayBufferWriter<byte>();
        var value = new string('é', 32_768); // 65,536 UTF-8 bytes

        // Act
        var exception = Assert.Throws<ArgumentException>(() => MetadataCodec.WriteEntry(output, "big", value));

        // Assert
        Assert.Equal("value", exception.ParamName);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void TryRead_MultiByteCharactersSplitAcrossSegments_DecodesValue()
    {
        // Arrange
        var bytes = Encode(new RpcMetadata().Add("a", "日本🙂é").Add("b", "x"));
        var block = SequenceSegment.Split(bytes, 1);

        // Act
        var ok = MetadataCodec.TryRead(block, new ProtocolLimits(), out var decoded, out var error);

        // Assert
        Assert.True(ok, error);
        Assert.Equal("日本🙂é", decoded.Get("a"));
        Assert.Equal("x", decoded.Get("b"));
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00, 0x00 }, "empty key")]
    [InlineData(new byte[] { 0x05, (byte)'a', (byte)'b' }, "truncated")]
    [InlineData(new byte[] { 0x01, (byte)'a' }, "truncated")]
    [InlineData(new byte[] { 0x01, (byte)'a', 0x00 }, "truncated")]
    [InlineData(new byte[] { 0x01, (byte)'a', 0x00, 0x05, (byte)'x' }, "runs past the end")]
    [InlineData(new byte[] { 0x01, (byte)'a', 0xFF, 0xFF }, "runs past the end")]
    [InlineData(new byte[] { 0x01, (byte)'a', 0x00, 0x00, 0x02 }, "truncated")]
    [InlineData(new byte[] { 0x01, (byte)'A', 0x00, 0x00 }, "key contains a character")]
    [InlineData(new byte[] { 0x03, (byte)'a', (byte)' ', (byte)'b', 0x00, 0x00 }, "key contains a character")]
    [InlineData(new byte[] { 0x03, (byte)'a', (byte)':', (byte)'b', 0x00, 0x00 }, "key contains a character")]
    [InlineData(new byte[] { 0x02, 0xC3, 0xA9, 0x00, 0x00 }, "key contains a character")]
    [InlineData(new byte[] { 0x01, (byte)'a', 0x00, 0x01, 0xFF }, "not valid UTF-8")]
    [InlineData(new byte[] { 0x01, (byte)'a', 0x00, 0x02, 0xC0, 0x80 }, "not valid UTF-8")]
    [InlineData(new byte[] { 0x01, (byte)'a', 0x00, 0x03, 0xED, 0xA0, 0x80 }, "not valid UTF-8")]
    [InlineData(new byte[] { 0x01, (byte)'a', 0x00, 0x02, 0xE6, 0x97 }, "not valid UTF-8")]
    public void TryRead_MalformedBlock_ReturnsFalseWithError(byte[] block, string expectedError)
    {
        // Arrange
        var sequence = new ReadOnlySequence<byte>(block);

        // Act
        var ok = MetadataCodec.TryRead(sequence, new ProtocolLimits(), out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_InvalidUtf8SplitAcrossSegments_ReturnsFalse()
    {
        // Arrange
        var block = SequenceSegment.Split([0x01, (byte)'a', 0x00, 0x03, 0xE6, 0x97, 0x41], 1);

        // Act
        var ok = MetadataCodec.TryRead(block, new ProtocolLimits(), out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Contains("not valid UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_MoreEntriesThanLimit_ReturnsFalse()
    {
        // Arrange
        var limits = new ProtocolLimits { MaxMetadataEntries = 4 };
        var metadata = new RpcMetadata();
        for (var i = 0; i < 5; i++)
        {
            metadata.Add("k" + i, "v");
        }

        var block = new ReadOnlySequence<byte>(Encode(metadata));

        // Act
        var ok = MetadataCodec.TryRead(block, limits, out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Equal("metadata has more than 4 entries", error);
    }

    [Fact]
    public void TryRead_ExactlyLimitEntries_Succeeds()
    {
        // Arrange
        var limits = new ProtocolLimits { MaxMetadataEntries = 4 };
        var metadata = new RpcMetadata().Add("a", "1").Add("b", "2").Add("c", "3").Add("d", "4");
        var block = new ReadOnlySequence<byte>(Encode(metadata));

        // Act
        var ok = MetadataCodec.TryRead(block, limits, out var decoded, out var error);

        // Assert
        Assert.True(ok, error);
        Assert.Equal(4, decoded.Count);
    }

    [Fact]
    public void TryRead_AnyValidMetadata_RoundTrips()
    {
        // Arrange
        var limits = new ProtocolLimits();

        // Act and assert
        Check.One(Quick.WithMaxTest(200), Prop.ForAll(Arb.From(FrameGenerators.Metadata), entries =>
        {
            var metadata = new RpcMetadata();
            foreach (var (key, value) in entries)
            {
                metadata.AddUnchecked(key, value); // protocol (:) keys included: this is the wire format
            }

            var bytes = Encode(metadata);
            Assert.True(MetadataCodec.TryRead(SequenceSegment.Split(bytes, 3), limits, out var decoded, out var error), error);
            Assert.Equal(entries, decoded);
        }));
    }

    [Fact]
    public void TryRead_ArbitraryBytes_NeverThrows()
    {
        // Arrange
        var blocks = Gen.Zip(Gen.Choose(0, 80), Gen.Choose(0, int.MaxValue), (length, seed) => FrameSpec.PayloadBytes(length, seed));
        var limits = new ProtocolLimits();

        // Act and assert
        Check.One(Quick.WithMaxTest(300), Prop.ForAll(Arb.From(blocks), block =>
        {
            var ok = MetadataCodec.TryRead(new ReadOnlySequence<byte>(block), limits, out var metadata, out var error);
            Assert.Equal(ok, error is null);
            Assert.All(metadata, entry => Assert.True(RpcMetadata.IsValidKey(entry.Key)));
        }));
    }

    private static byte[] Encode(RpcMetadata metadata)
    {
        var output = new ArrayBufferWriter<byte>();
        var written = MetadataCodec.Write(output, metadata);
        Assert.Equal(output.WrittenCount, written);
        Assert.Equal(metadata.Sum(e => 1 + e.Key.Length + 2 + Encoding.UTF8.GetByteCount(e.Value)), written);
        return output.WrittenSpan.ToArray();
    }
}

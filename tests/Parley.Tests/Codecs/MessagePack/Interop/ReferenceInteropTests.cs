using Parley.Codecs.MessagePack;
using Parley.Tests.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>
/// Byte-for-byte compatibility with a reference MessagePack implementation, in both directions, over the whole
/// <see cref="InteropCatalogue"/>. One subclass per reference peer; each test runs the peer once for every value.
/// </summary>
public abstract class ReferenceInteropTests
{
    private protected abstract ReferencePeer Peer { get; }

    /// <summary>How the peer reports the values it reads.</summary>
    private protected abstract TaggedView PeerView { get; }

    /// <summary>The catalogue values this peer's encoder cannot be asked to write (its API cannot express them).</summary>
    private protected abstract IReadOnlyCollection<string> NotEncodableByPeer { get; }

    /// <summary>The catalogue values this peer refuses to read (it has no representation for them).</summary>
    private protected virtual IReadOnlyCollection<string> NotDecodableByPeer => [];

    [Fact]
    public async Task Decode_ParleyEncodedCatalogue_PeerReadsTheSameValues()
    {
        // Arrange
        var cases = DecodableCases();
        var encodings = cases.Select(c => Bytes.Encode(c.Value, c.Type)).ToList();

        // Act
        var decoded = await Peer.DecodeAsync(encodings).DefaultTimeout();

        // Assert
        var failures = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var expected = Tagged.Json(cases[i].Natural, PeerView);
            if (decoded[i].Value != expected)
            {
                failures.Add($"{cases[i].Name}: {Peer} read {Shorten(decoded[i])}, expected {Shorten(expected)}");
            }
        }

        AssertNone(failures, cases.Count);
    }

    [Fact]
    public async Task Encode_CatalogueByPeer_WritesTheSameBytesAsParley()
    {
        // Arrange
        var cases = EncodableCases();

        // Act
        var encoded = await Peer.EncodeAsync(cases.Select(c => c.Natural)).DefaultTimeout();

        // Assert
        var failures = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var parley = Bytes.ToHex(Bytes.Encode(cases[i].Value, cases[i].Type));
            if (encoded[i].Value != parley)
            {
                failures.Add($"{cases[i].Name}: {Peer} wrote {Shorten(encoded[i])}, Parley wrote {Shorten(parley)}");
            }
        }

        AssertNone(failures, cases.Count);
    }

    [Fact]
    public async Task Deserialize_PeerEncodedCatalogue_GivesTheOriginalValues()
    {
        // Arrange
        var cases = EncodableCases();
        var encoded = await Peer.EncodeAsync(cases.Select(c => c.Natural)).DefaultTimeout();

        // Act and assert: typed reading gives a value Parley writes back to the same bytes; untyped reading the same values
        var failures = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            if (encoded[i].Value is not { } hex)
            {
                failures.Add($"{cases[i].Name}: {Peer} failed to write it: {encoded[i].Error}");
                continue;
            }

            var bytes = Bytes.FromHex(hex);
            var typed = Bytes.Decode(bytes, cases[i].Type);
            if (!Bytes.Encode(typed, cases[i].Type).AsSpan().SequenceEqual(bytes))
            {
                failures.Add($"{cases[i].Name}: read as {cases[i].Type.Name}, {typed} writes back differently");
            }

            var expected = Tagged.Json(cases[i].Natural, TaggedView.DecodedByParley);
            var natural = Tagged.Json(MessagePackRpcCodec.Default.Deserialize(SequenceSegment.Split(bytes, 64), typeof(object)), TaggedView.DecodedByParley);
            if (natural != expected)
            {
                failures.Add($"{cases[i].Name}: read untyped as {Shorten(natural)}, expected {Shorten(expected)}");
            }
        }

        AssertNone(failures, cases.Count);
    }

    [Fact]
    public void Catalogue_ValuesThePeerCannotWrite_AreOnlyTheKnownOnes()
    {
        // Act
        var skipped = InteropCatalogue.All.Except(EncodableCases()).Select(c => c.Name);

        // Assert
        Assert.Equal(NotEncodableByPeer.Order(StringComparer.Ordinal), skipped.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Decode_ValuesThePeerCannotRead_AreRefusedNotMisread()
    {
        // Arrange
        var cases = InteropCatalogue.All.Except(DecodableCases()).ToList();

        // Act
        var decoded = cases.Count == 0 ? [] : await Peer.DecodeAsync(cases.Select(c => Bytes.Encode(c.Value, c.Type))).DefaultTimeout();

        // Assert
        Assert.Equal(NotDecodableByPeer.Order(StringComparer.Ordinal), cases.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(decoded, answer => Assert.NotNull(answer.Error));
    }

    private protected abstract bool PeerCanEncode(InteropCase value);

    private List<InteropCase> DecodableCases() => [.. InteropCatalogue.All.Where(c => !NotDecodableByPeer.Contains(c.Name))];

    private List<InteropCase> EncodableCases() => [.. InteropCatalogue.All.Where(PeerCanEncode)];

    private static string Shorten(object? value)
    {
        var text = value?.ToString() ?? "null";
        return text.Length <= 240 ? text : text[..240] + $"… ({text.Length} characters)";
    }

    private void AssertNone(List<string> failures, int total) =>
        Assert.True(failures.Count == 0, $"{failures.Count} of {total} values differ with {Peer}:\n" + string.Join("\n", failures.Take(25)));
}

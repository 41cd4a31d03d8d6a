namespace Parley.Tests.Codecs.MessagePack;

/// <summary>Which side's view of a value the tagged form shows.</summary>
internal enum TaggedView
{
    /// <summary>The value as written: a float 32 is tagged float32, so a peer writes it in that width.</summary>
    Written,

    /// <summary>What python3-msgpack reads: a float 32 comes back as the same number in binary64.</summary>
    Decoded,

    /// <summary>
    /// What @msgpack/msgpack reads: its numbers are binary64, so floats and integers within 32 bits (which it reads as
    /// numbers, not bigints) are "number"s carrying binary64 bits.
    /// </summary>
    DecodedByJavaScript,

    /// <summary>What Parley's untyped reading gives: timestamps within DateTimeOffset's range keep 100 ns ticks.</summary>
    DecodedByParley,
}

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>
/// A peer's answer for one item: the tagged value it read (canonical JSON) or the hex bytes it wrote, or why it
/// could not.
/// </summary>
public sealed record PeerAnswer(string? Value, string? Error)
{
    public override string ToString() => Value ?? $"error: {Error}";
}

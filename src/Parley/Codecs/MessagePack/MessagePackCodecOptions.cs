namespace Parley.Codecs.MessagePack;

/// <summary>Settings of a <see cref="MessagePackRpcCodec"/>. Read when the codec is created; later changes have no effect.</summary>
public sealed class MessagePackCodecOptions
{
    /// <summary>
    /// The deepest nesting of arrays, maps and objects read or written (an argument list counts as one level). Deeper
    /// input fails with <see cref="MessagePackSerializationException"/> instead of exhausting the stack; so does writing
    /// a reference cycle.
    /// </summary>
    /// <value>Default 64. Range 1 to 1000.</value>
    public int MaxDepth { get; set; } = 64;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate() => OptionsGuard.InRange(MaxDepth, 1, 1000, nameof(MaxDepth));
}

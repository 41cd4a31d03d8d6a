namespace Parley.Protocol;

/// <summary>
/// Size limits a receiver enforces on every frame before buffering it. A frame over a limit is a protocol error that
/// closes the connection; senders check the peer's announced limits first so that a call fails alone instead.
/// </summary>
public sealed class ProtocolLimits
{
    /// <summary>The largest payload accepted in one frame.</summary>
    /// <value>Default 4 MiB. Range 1 KiB to 1 GiB.</value>
    public int MaxPayloadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The smallest stream or connection window a peer may announce, and the one assumed when it announces none.</summary>
    internal const int MinWindowBytes = 64 * 1024;

    /// <summary>The largest metadata block accepted in one frame.</summary>
    /// <value>Default 8 KiB. Range 256 B to 1 MiB.</value>
    public int MaxMetadataBytes { get; set; } = 8 * 1024;

    /// <summary>The most metadata entries accepted in one frame.</summary>
    /// <value>Default 64. Range 4 to 4096.</value>
    public int MaxMetadataEntries { get; set; } = 64;

    /// <summary>
    /// The credit this side grants the peer for each stream it receives: how many bytes of STREAM_MESSAGE frames
    /// (header and payload) the peer may send on one stream before this side has consumed them. Bounds the memory a
    /// slow consumer costs; see docs/streaming.md.
    /// </summary>
    /// <value>Default 256 KiB. Range 64 KiB to 1 GiB.</value>
    public int StreamWindowBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// The credit this side grants the peer for all streams of one connection together: a cap on the stream messages
    /// received and not yet consumed, whatever the number of streams.
    /// </summary>
    /// <value>Default 2 MiB. Range 64 KiB to 1 GiB.</value>
    public int ConnectionWindowBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The largest frame these limits allow, header included.</summary>
    public long MaxFrameBytes => FrameHeader.Size + (long)MaxMetadataBytes + MaxPayloadBytes;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a value is outside its documented range.</summary>
    public void Validate()
    {
        OptionsGuard.InRange(MaxPayloadBytes, 1024, 1 << 30, nameof(MaxPayloadBytes));
        OptionsGuard.InRange(MaxMetadataBytes, 256, 1 << 20, nameof(MaxMetadataBytes));
        OptionsGuard.InRange(MaxMetadataEntries, 4, 4096, nameof(MaxMetadataEntries));
        OptionsGuard.InRange(StreamWindowBytes, MinWindowBytes, 1 << 30, nameof(StreamWindowBytes));
        OptionsGuard.InRange(ConnectionWindowBytes, MinWindowBytes, 1 << 30, nameof(ConnectionWindowBytes));
    }

    /// <summary>Returns a copy, so that options shared between endpoints cannot change under a running one.</summary>
    public ProtocolLimits Clone() => (ProtocolLimits)MemberwiseClone();
}

using System.Buffers;

namespace Parley.Protocol;

/// <summary>
/// One parsed frame. <see cref="Metadata"/> and <see cref="Payload"/> are slices of the receive buffer and are valid only
/// until the reader advances past them; copy what must outlive that.
/// </summary>
public readonly struct Frame(FrameHeader header, ReadOnlySequence<byte> metadata, ReadOnlySequence<byte> payload)
{
    /// <summary>The fixed header.</summary>
    public FrameHeader Header { get; } = header;

    /// <summary>The raw metadata block (see <see cref="MetadataCodec"/>).</summary>
    public ReadOnlySequence<byte> Metadata { get; } = metadata;

    /// <summary>The payload bytes.</summary>
    public ReadOnlySequence<byte> Payload { get; } = payload;
}

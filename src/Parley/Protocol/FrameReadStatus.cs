namespace Parley.Protocol;

/// <summary>The outcome of <see cref="FrameReader.TryRead"/>.</summary>
public enum FrameReadStatus
{
    /// <summary>A whole frame was read and the buffer advanced past it.</summary>
    Complete,
    /// <summary>The buffer holds the start of a valid frame; read more bytes and try again.</summary>
    Incomplete,
    /// <summary>The bytes break the protocol; the connection must be closed.</summary>
    Invalid,
}

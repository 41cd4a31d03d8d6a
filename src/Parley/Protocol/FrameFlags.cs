namespace Parley.Protocol;

/// <summary>Byte 5 of the frame header. Only <see cref="More"/> is defined; a receiver rejects any other bit.</summary>
[Flags]
public enum FrameFlags : byte
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>STREAM_MESSAGE only: more chunks of the same message follow in later frames of the stream.</summary>
    More = 0x01,
}

namespace Parley.Protocol;

/// <summary>Byte 5 of the frame header. Version 1 defines no flag; a receiver rejects any bit set.</summary>
[Flags]
public enum FrameFlags : byte
{
    /// <summary>No flag.</summary>
    None = 0,
}

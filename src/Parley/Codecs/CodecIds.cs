namespace Parley.Codecs;

/// <summary>The codec ids assigned by the protocol (byte 4 of the frame header).</summary>
public static class CodecIds
{
    /// <summary>No codec: the payload is empty or raw bytes defined by the frame type (e.g. an error message).</summary>
    public const byte None = 0;

    /// <summary>JSON (UTF-8, RFC 8259).</summary>
    public const byte Json = 1;

    /// <summary>MessagePack.</summary>
    public const byte MessagePack = 2;

    /// <summary>Protocol Buffers.</summary>
    public const byte Protobuf = 3;
}

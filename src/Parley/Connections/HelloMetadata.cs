using System.Globalization;
using Parley.Protocol;

namespace Parley.Connections;

/// <summary>The HELLO frame's metadata: each side announces the limits it enforces, so the other can respect them.</summary>
internal static class HelloMetadata
{
    public const string MaxPayloadKey = "max-payload";
    public const string MaxMetadataKey = "max-metadata";
    public const string MaxMetadataEntriesKey = "max-metadata-entries";
    public const string StreamWindowKey = "stream-window";
    public const string ConnectionWindowKey = "connection-window";
    public const string AgentKey = "agent";

    public static RpcMetadata Create(ProtocolLimits limits, string agent)
    {
        var metadata = new RpcMetadata(6);
        metadata.AddUnchecked(MaxPayloadKey, limits.MaxPayloadBytes.ToString(CultureInfo.InvariantCulture));
        metadata.AddUnchecked(MaxMetadataKey, limits.MaxMetadataBytes.ToString(CultureInfo.InvariantCulture));
        metadata.AddUnchecked(MaxMetadataEntriesKey, limits.MaxMetadataEntries.ToString(CultureInfo.InvariantCulture));
        metadata.AddUnchecked(StreamWindowKey, limits.StreamWindowBytes.ToString(CultureInfo.InvariantCulture));
        metadata.AddUnchecked(ConnectionWindowKey, limits.ConnectionWindowBytes.ToString(CultureInfo.InvariantCulture));
        metadata.AddUnchecked(AgentKey, agent);
        return metadata;
    }

    /// <summary>
    /// Reads the peer's limits; a missing key keeps the protocol default (for the windows, the 64 KiB minimum), a
    /// malformed one is an error.
    /// </summary>
    public static bool TryParse(RpcMetadata metadata, out ProtocolLimits limits, out string? agent, out string? error)
    {
        limits = new ProtocolLimits
        {
            StreamWindowBytes = ProtocolLimits.MinWindowBytes,
            ConnectionWindowBytes = ProtocolLimits.MinWindowBytes,
        };
        agent = metadata.Get(AgentKey);
        error = null;
        if (TryReadInt(metadata, MaxPayloadKey, out var payload) is false
            || TryReadInt(metadata, MaxMetadataKey, out var metadataBytes) is false
            || TryReadInt(metadata, MaxMetadataEntriesKey, out var entries) is false
            || TryReadInt(metadata, StreamWindowKey, out var streamWindow) is false
            || TryReadInt(metadata, ConnectionWindowKey, out var connectionWindow) is false)
        {
            error = "HELLO carries a limit that is not a positive decimal integer";
            return false;
        }

        if (streamWindow < ProtocolLimits.MinWindowBytes || connectionWindow < ProtocolLimits.MinWindowBytes)
        {
            error = $"HELLO announces a stream or connection window below the minimum of {ProtocolLimits.MinWindowBytes} bytes";
            return false;
        }

        limits.StreamWindowBytes = streamWindow ?? limits.StreamWindowBytes;
        limits.ConnectionWindowBytes = connectionWindow ?? limits.ConnectionWindowBytes;

        limits.MaxPayloadBytes = payload ?? limits.MaxPayloadBytes;
        limits.MaxMetadataBytes = metadataBytes ?? limits.MaxMetadataBytes;
        limits.MaxMetadataEntries = entries ?? limits.MaxMetadataEntries;
        return true;
    }

    private static bool TryReadInt(RpcMetadata metadata, string key, out int? value)
    {
        value = null;
        var text = metadata.Get(key);
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            value = parsed;
            return true;
        }

        return false;
    }
}

namespace Parley.Configuration;

/// <summary>The names Parley reads from configuration: its default sections, keys and environment variable prefix.</summary>
public static class ParleyConfiguration
{
    /// <summary>The default configuration section of the server options: <c>Parley:Server</c>.</summary>
    public const string ServerSection = "Parley:Server";

    /// <summary>The default configuration section of a client: <c>Parley:Client</c>.</summary>
    public const string ClientSection = "Parley:Client";

    /// <summary>The key of the preset (a <see cref="ParleyPreset"/> name), applied before every other key of the section.</summary>
    public const string PresetKey = "Preset";

    /// <summary>The key of the sub-section holding the <see cref="Protocol.ProtocolLimits"/> values.</summary>
    public const string LimitsKey = "Limits";

    /// <summary>
    /// The key of a client section that holds the server address (e.g. <c>tcp://127.0.0.1:5050</c>). It is not an
    /// option: hosting reads it to know where the client connects.
    /// </summary>
    public const string AddressKey = "Address";

    /// <summary>
    /// The prefix of the environment variables that configure Parley: <c>PARLEY_SERVER__MAXCONNECTIONS</c> is the
    /// configuration key <c>Parley:Server:MaxConnections</c> (a double underscore separates sections, as everywhere
    /// in .NET configuration).
    /// </summary>
    public const string EnvironmentVariablePrefix = "PARLEY_";

    /// <summary>
    /// The environment variable that sets configuration key <paramref name="key"/>, or null when the key is not under
    /// the <c>Parley</c> section. Example: <c>Parley:Server:Limits:MaxPayloadBytes</c> →
    /// <c>PARLEY_SERVER__LIMITS__MAXPAYLOADBYTES</c>.
    /// </summary>
    public static string? EnvironmentVariableFor(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        const string Root = "Parley:";
        if (!key.StartsWith(Root, StringComparison.OrdinalIgnoreCase) || key.Length == Root.Length)
        {
            return null;
        }

        return EnvironmentVariablePrefix + key[Root.Length..].Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();
    }
}

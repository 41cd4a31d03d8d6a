namespace Parley.Cluster;

/// <summary>
/// The connections a client keeps to each instance. Calls are multiplexed, so one connection carries many at once; a
/// new one is opened only when every open one is busy.
/// </summary>
public sealed class ConnectionPoolOptions
{
    /// <summary>Connections opened as soon as an instance appears and kept open.</summary>
    /// <value>Default 1. Range 0 to <see cref="MaxConnections"/>.</value>
    public int MinConnections { get; set; } = 1;

    /// <summary>The most connections to one instance.</summary>
    /// <value>Default 4. Range 1 to 64.</value>
    public int MaxConnections { get; set; } = 4;

    /// <summary>Calls in flight on every open connection before another is opened (up to <see cref="MaxConnections"/>).</summary>
    /// <value>Default 256.</value>
    public int CallsPerConnection { get; set; } = 256;

    internal void Validate()
    {
        OptionsGuard.InRange(MaxConnections, 1, 64, nameof(MaxConnections));
        OptionsGuard.InRange(MinConnections, 0, MaxConnections, nameof(MinConnections));
        OptionsGuard.InRange(CallsPerConnection, 1, 1_000_000, nameof(CallsPerConnection));
    }

    internal ConnectionPoolOptions Clone() => (ConnectionPoolOptions)MemberwiseClone();
}

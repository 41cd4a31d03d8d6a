namespace Parley.Configuration;

/// <summary>
/// A named set of timeouts and behaviours for <see cref="Server.RpcServerOptions"/> and
/// <see cref="Client.RpcClientOptions"/>, applied with <c>ApplyPreset</c> or the <c>Preset</c> configuration key. A
/// preset sets every value listed for it (and nothing else); values set afterwards win. Limits, codecs, the clock and
/// the logger are never touched. The full tables are in docs/configuration.md.
/// </summary>
public enum ParleyPreset
{
    /// <summary>
    /// The documented defaults, stated explicitly: what a new options object already has. Use it to reset values another
    /// preset changed, or to make the choice visible in configuration.
    /// </summary>
    Production = 0,

    /// <summary>
    /// For a developer's machine: exception details are sent to callers, and handshake, keepalive, drain, connect and
    /// reconnect waits are shorter so that a dead peer or a stuck call shows within seconds. Not for production: the
    /// details reveal internals.
    /// </summary>
    Development = 1,

    /// <summary>
    /// For automated tests: very short timeouts, keepalive, backoff and drain, so that a suite runs fast and a hang
    /// fails in a few seconds instead of stalling the run; exception details are sent to callers.
    /// </summary>
    Testing = 2,
}

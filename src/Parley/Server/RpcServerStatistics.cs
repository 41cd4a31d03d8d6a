namespace Parley.Server;

/// <summary>A snapshot of a server's counters.</summary>
/// <param name="ActiveCalls">Calls whose handler is running or queued.</param>
/// <param name="Connections">Open connections.</param>
/// <param name="CallsCompleted">Calls finished since start, whatever their status.</param>
/// <param name="ProtocolErrors">Connections closed because the peer broke the protocol.</param>
public readonly record struct RpcServerStatistics(long ActiveCalls, long Connections, long CallsCompleted, long ProtocolErrors);

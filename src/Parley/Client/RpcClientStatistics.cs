namespace Parley.Client;

/// <summary>A snapshot of a client's counters.</summary>
/// <param name="ActiveCalls">Calls started and not yet finished (including those waiting for a connection).</param>
/// <param name="PendingCalls">Calls registered in the pending-call tables of the client's connections.</param>
/// <param name="LateResponses">Responses that arrived after their call had timed out or been cancelled, and were dropped.</param>
/// <param name="ConnectionsOpened">Connections established since the client was created.</param>
public readonly record struct RpcClientStatistics(
    long ActiveCalls, int PendingCalls, long LateResponses, long ConnectionsOpened);

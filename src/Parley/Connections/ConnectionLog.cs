using System.Net;
using Microsoft.Extensions.Logging;

namespace Parley.Connections;

internal static partial class ConnectionLog
{
    [LoggerMessage(1, LogLevel.Debug, "Connection {ConnectionId} to {Remote}: handshake done, peer agent {Agent}")]
    public static partial void Handshake(ILogger logger, string connectionId, EndPoint? remote, string? agent);

    [LoggerMessage(2, LogLevel.Debug, "Connection {ConnectionId} to {Remote} closing: {Status} {Detail}")]
    public static partial void Closing(ILogger logger, string connectionId, EndPoint? remote, StatusCode status, string detail);

    [LoggerMessage(3, LogLevel.Warning, "Connection {ConnectionId} to {Remote} broke the protocol and is closed: {Detail}")]
    public static partial void ProtocolError(ILogger logger, string connectionId, EndPoint? remote, string detail);
}

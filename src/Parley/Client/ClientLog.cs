using System.Net;
using Microsoft.Extensions.Logging;

namespace Parley.Client;

internal static partial class ClientLog
{
    [LoggerMessage(100, LogLevel.Debug, "Connected to {EndPoint} as connection {ConnectionId}")]
    public static partial void Connected(ILogger logger, EndPoint endPoint, string connectionId);

    [LoggerMessage(101, LogLevel.Information, "Connecting to {EndPoint} failed (attempt {Attempt}): {Reason}")]
    public static partial void ConnectFailed(ILogger logger, EndPoint endPoint, int attempt, string reason);
}

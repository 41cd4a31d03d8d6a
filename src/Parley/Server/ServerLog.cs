using System.Net;
using Microsoft.Extensions.Logging;

namespace Parley.Server;

internal static partial class ServerLog
{
    [LoggerMessage(200, LogLevel.Information, "Parley server listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, EndPoint endPoint);

    [LoggerMessage(201, LogLevel.Error, "Handler {Service}.{Method} threw")]
    public static partial void HandlerFailed(ILogger logger, string service, string method, Exception exception);

    [LoggerMessage(202, LogLevel.Warning, "Connection from {Remote} refused: {Connections} connections is the limit")]
    public static partial void TooManyConnections(ILogger logger, EndPoint? remote, int connections);

    [LoggerMessage(203, LogLevel.Information, "Draining {Connections} connections, {ActiveCalls} calls in flight")]
    public static partial void Draining(ILogger logger, int connections, long activeCalls);

    [LoggerMessage(205, LogLevel.Warning, "A callback registered on a call's cancellation token threw")]
    public static partial void CancellationCallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(204, LogLevel.Warning, "Drain timeout of {Timeout} passed with {ActiveCalls} calls still running; cancelling them")]
    public static partial void DrainTimedOut(ILogger logger, TimeSpan timeout, long activeCalls);

    [LoggerMessage(206, LogLevel.Warning, "Deregistering from the registry failed; the registration ends with its lease: {Reason}")]
    public static partial void DeregisterFailed(ILogger logger, string reason);
}

using System.Net;
using Microsoft.Extensions.Logging;

namespace Parley.Client.Middleware;

internal static partial class ClientCallLog
{
    [LoggerMessage(EventId = 120, Message = "Call {Service}.{Method} to {EndPoint} ended {Status} in {ElapsedMilliseconds:0.000} ms")]
    public static partial void Completed(
        ILogger logger, LogLevel level, string service, string method, EndPoint endPoint, StatusCode status, double elapsedMilliseconds);
}

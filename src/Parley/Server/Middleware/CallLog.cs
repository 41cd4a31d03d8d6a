using System.Net;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Middleware;

internal static partial class CallLog
{
    [LoggerMessage(EventId = 300, Message = "Call {Service}.{Method} from {Peer} ended {Status} in {ElapsedMilliseconds:0.000} ms")]
    public static partial void Completed(
        ILogger logger, LogLevel level, string service, string method, EndPoint? peer, StatusCode status, double elapsedMilliseconds,
        Exception? exception);
}

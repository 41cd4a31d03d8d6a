using Microsoft.Extensions.Logging;

namespace Parley.Server.Middleware;

internal static partial class RecoveryLog
{
    [LoggerMessage(EventId = 310, Level = LogLevel.Error, Message = "Handler {Service}.{Method} threw; answered INTERNAL")]
    public static partial void Unhandled(ILogger logger, string service, string method, Exception exception);
}

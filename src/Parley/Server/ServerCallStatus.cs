namespace Parley.Server;

/// <summary>How an exception from the call pipeline becomes a status; shared by the call and the built-in middleware.</summary>
public static class ServerCallStatus
{
    /// <summary>
    /// The status a failed call ends with: an <see cref="RpcException"/>'s own status (OK becomes INTERNAL), a
    /// cancellation of the call's token DEADLINE_EXCEEDED once the deadline has passed or CANCELLED otherwise, and any
    /// other exception INTERNAL.
    /// </summary>
    public static StatusCode Of(Exception exception, ServerCallContext context, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(context);
        return exception switch
        {
            RpcException { StatusCode: not StatusCode.Ok } rpc => rpc.StatusCode,
            OperationCanceledException when context.CancellationToken.IsCancellationRequested =>
                context.Deadline is { } deadline && (time ?? TimeProvider.System).GetUtcNow() >= deadline
                    ? StatusCode.DeadlineExceeded
                    : StatusCode.Cancelled,
            _ => StatusCode.Internal,
        };
    }
}

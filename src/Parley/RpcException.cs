namespace Parley;

/// <summary>
/// A call that did not complete with <see cref="StatusCode.Ok"/>. Thrown to callers on the client; thrown by handlers on
/// the server to answer with a specific status.
/// </summary>
public class RpcException : Exception
{
    /// <summary>Creates an exception for <paramref name="statusCode"/> with a human-readable detail.</summary>
    public RpcException(StatusCode statusCode, string detail)
        : this(statusCode, detail, innerException: null)
    {
    }

    /// <summary>Creates an exception for <paramref name="statusCode"/> with a detail and the exception that caused it.</summary>
    public RpcException(StatusCode statusCode, string detail, Exception? innerException)
        : base(StatusCodeNames.GetName(statusCode) + ": " + detail, innerException)
    {
        StatusCode = statusCode;
        Detail = detail;
    }

    /// <summary>The status of the call.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The detail message, without the status name.</summary>
    public string Detail { get; }
}

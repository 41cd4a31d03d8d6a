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

    /// <summary>Creates an exception with trailers: metadata sent with the error (e.g. <c>retry-after-ms</c>).</summary>
    public RpcException(StatusCode statusCode, string detail, Protocol.RpcMetadata? trailers)
        : this(statusCode, detail, innerException: null)
    {
        Trailers = trailers;
    }

    /// <summary>The status of the call.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The detail message, without the status name.</summary>
    public string Detail { get; }

    /// <summary>Metadata that travelled with the error, or null. A server sends a handler's trailers in the response.</summary>
    public Protocol.RpcMetadata? Trailers { get; }
}

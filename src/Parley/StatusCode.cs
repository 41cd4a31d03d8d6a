namespace Parley;

/// <summary>
/// The outcome of a call, carried in the status field of a RESPONSE frame. The numbers match gRPC's status codes so
/// that a gRPC status maps one to one.
/// </summary>
/// <remarks>
/// The framework itself raises only <see cref="Cancelled"/>, <see cref="InvalidArgument"/>,
/// <see cref="DeadlineExceeded"/>, <see cref="ResourceExhausted"/>, <see cref="Unimplemented"/>,
/// <see cref="Internal"/> and <see cref="Unavailable"/>; its built-in middleware adds <see cref="Unauthenticated"/>
/// and <see cref="PermissionDenied"/> (authentication), <see cref="ResourceExhausted"/> (rate limiting) and, when
/// exception recovery maps them, the codes of its mapping table. Every other code comes from application code (a handler
/// throwing <see cref="RpcException"/>).
/// </remarks>
public enum StatusCode : ushort
{
    /// <summary>The call succeeded.</summary>
    Ok = 0,
    /// <summary>The call was cancelled, usually by the caller.</summary>
    Cancelled = 1,
    /// <summary>An error with no better code; raised by application code only.</summary>
    Unknown = 2,
    /// <summary>The arguments could not be decoded into the method's parameters, or were rejected.</summary>
    InvalidArgument = 3,
    /// <summary>The deadline expired before the call completed.</summary>
    DeadlineExceeded = 4,
    /// <summary>A requested entity was not found (application code).</summary>
    NotFound = 5,
    /// <summary>The entity already exists (application code).</summary>
    AlreadyExists = 6,
    /// <summary>The caller is known but not allowed to make this call.</summary>
    PermissionDenied = 7,
    /// <summary>A limit was reached: calls in flight, message size, rate limit.</summary>
    ResourceExhausted = 8,
    /// <summary>The system is not in a state required for the operation (application code).</summary>
    FailedPrecondition = 9,
    /// <summary>The operation was aborted, e.g. a concurrency conflict (application code).</summary>
    Aborted = 10,
    /// <summary>A value was out of the valid range (application code).</summary>
    OutOfRange = 11,
    /// <summary>The service, the method or the codec is not known to the server.</summary>
    Unimplemented = 12,
    /// <summary>An invariant was broken: a handler threw, or a peer broke the protocol.</summary>
    Internal = 13,
    /// <summary>The server cannot be reached or is shutting down; retrying may succeed.</summary>
    Unavailable = 14,
    /// <summary>Unrecoverable data loss (application code).</summary>
    DataLoss = 15,
    /// <summary>The caller did not present valid credentials.</summary>
    Unauthenticated = 16,
}

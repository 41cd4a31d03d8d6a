using Parley.Etcd.Internal;

namespace Parley.Etcd;

/// <summary>
/// A request to etcd failed: etcd could not be reached or did not answer in time (<see cref="Code"/> is null), or it
/// answered with an error (<see cref="Code"/> is the gRPC status code it gave). Thrown by
/// <see cref="EtcdRegistry.ResolveAsync"/> and, for errors that retrying cannot fix, by
/// <see cref="EtcdRegistry.RegisterAsync"/>; registrations and watches in the background log it and retry instead.
/// </summary>
public sealed class EtcdException : Exception
{
    /// <summary>An error with a message.</summary>
    public EtcdException(string message)
        : this(message, code: null, endpoint: null, innerException: null)
    {
    }

    /// <summary>An error with a message and the exception that caused it.</summary>
    public EtcdException(string message, Exception? innerException)
        : this(message, code: null, endpoint: null, innerException)
    {
    }

    /// <summary>An error from <paramref name="endpoint"/>, with the gRPC status code etcd answered with (null when it did not answer).</summary>
    public EtcdException(string message, int? code, Uri? endpoint, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Endpoint = endpoint;
    }

    /// <summary>An error with no message.</summary>
    public EtcdException()
    {
    }

    /// <summary>The gRPC status code etcd answered with (for example 5, not found); null when etcd did not answer.</summary>
    public int? Code { get; }

    /// <summary>The etcd member the request went to, when known.</summary>
    public Uri? Endpoint { get; }

    /// <summary>Whether trying again later may succeed: etcd could not be reached, or it said it is unavailable, busy or
    /// out of time.</summary>
    internal bool IsTransient => Code is null or GrpcCodes.DeadlineExceeded or GrpcCodes.ResourceExhausted or GrpcCodes.Aborted
        or GrpcCodes.Unavailable;

    /// <summary>etcd did not answer at all: the next request should go to another member.</summary>
    internal bool IsUnreachable => Code is null;
}

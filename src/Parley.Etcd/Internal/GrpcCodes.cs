namespace Parley.Etcd.Internal;

/// <summary>The gRPC status codes etcd answers with that the registry acts on.</summary>
internal static class GrpcCodes
{
    public const int InvalidArgument = 3;
    public const int DeadlineExceeded = 4;
    public const int NotFound = 5;
    public const int ResourceExhausted = 8;
    public const int Aborted = 10;
    public const int OutOfRange = 11;
    public const int Unavailable = 14;
}

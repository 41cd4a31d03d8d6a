namespace Parley.Cluster;

/// <summary>Which outcomes of a call say that the instance, not the request, is at fault.</summary>
internal static class InstanceFailures
{
    public static readonly IReadOnlySet<StatusCode> DefaultStatusCodes = new HashSet<StatusCode>
    {
        StatusCode.Unavailable, StatusCode.Internal, StatusCode.Unknown, StatusCode.DataLoss, StatusCode.DeadlineExceeded,
    };
}

using System.Diagnostics;

namespace Parley.Diagnostics;

/// <summary>The tags every call instrument carries, on the client and the server alike.</summary>
internal static class CallTags
{
    public static TagList Create(string service, string method, StatusCode status) => new()
    {
        { "rpc.system", "parley" },
        { "rpc.service", service },
        { "rpc.method", method },
        { "rpc.parley.status_code", StatusCodeNames.GetName(status) },
    };
}

namespace Parley;

/// <summary>The canonical upper-case names of <see cref="StatusCode"/> values, as used in messages and tools.</summary>
public static class StatusCodeNames
{
    private static readonly string[] Names =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    /// <summary>Returns the canonical name, e.g. <c>DEADLINE_EXCEEDED</c>, or <c>STATUS_n</c> for an unknown code.</summary>
    public static string GetName(StatusCode code)
    {
        var index = (int)code;
        return index < Names.Length ? Names[index] : "STATUS_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

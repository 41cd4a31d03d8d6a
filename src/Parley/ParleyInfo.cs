namespace Parley;

/// <summary>Names this implementation in HELLO frames and metrics.</summary>
internal static class ParleyInfo
{
    public const string Version = "0.1.0";

    public const string Agent = "parley-dotnet/" + Version;
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Parley.Generators.Model;

/// <summary>
/// Where a diagnostic points, without holding a syntax tree: pipeline models keep no compiler objects, so that they
/// compare cheaply and do not keep old compilations alive.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}

using Microsoft.CodeAnalysis.Text;

namespace Parley.Generators.Tests;

/// <summary>Source text with one span marked as <c>[|…|]</c>: where a diagnostic is expected.</summary>
internal sealed record MarkedSource(string Text, TextSpan Span)
{
    public static MarkedSource Parse(string markup)
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var end = markup.IndexOf("|]", start, StringComparison.Ordinal);
        if (start < 0 || end < 0)
        {
            throw new ArgumentException("The markup has no [|span|].", nameof(markup));
        }

        var text = markup.Remove(end, 2).Remove(start, 2);
        return new MarkedSource(text, TextSpan.FromBounds(start, end - 2));
    }
}

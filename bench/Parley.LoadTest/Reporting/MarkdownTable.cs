using System.Text;

namespace Parley.LoadTest.Reporting;

/// <summary>A GitHub Markdown table: the first column left-aligned, the figures right-aligned.</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public MarkdownTable Row(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public bool IsEmpty => _rows.Count == 0;

    /// <summary>Whether every column is left-aligned (a table of words rather than figures).</summary>
    public bool LeftAligned { get; init; }

    public void WriteTo(StringBuilder markdown)
    {
        markdown.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        markdown.Append("|---").Append(string.Concat(Enumerable.Repeat(LeftAligned ? "|---" : "|--:", headers.Length - 1))).AppendLine("|");
        foreach (var row in _rows)
        {
            markdown.Append("| ").AppendJoin(" | ", row.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
        }

        markdown.AppendLine();
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.LoadTest.Reporting;

/// <summary>
/// Finds the MessagePack 1 KB serialize and parse times in the micro benchmarks' Markdown results
/// (bench/results/micro/*.md, BenchmarkDotNet's GitHub tables: a Method column, parameter columns, a Mean column).
/// </summary>
/// <remarks>
/// A row counts when its method and parameters (or its file's name) name MessagePack, a 1 KB size (a parameter of
/// 1024, or 1K, 1KB, 1KiB in a name) and an operation: serialize, write or encode; or deserialize, parse, read or decode.
/// </remarks>
internal static partial class MicroResults
{
    /// <summary>A mean time in microseconds and where it was read.</summary>
    public sealed record Figure(double Microseconds, string Source);

    public static (Figure? Serialize, Figure? Parse) Find(string folder)
    {
        Figure? serialize = null, parse = null;
        if (!Directory.Exists(folder))
        {
            return (null, null);
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            string[]? header = null;
            foreach (var raw in File.ReadLines(file))
            {
                var line = raw.Trim();
                if (!line.StartsWith('|'))
                {
                    header = null;
                    continue;
                }

                // BenchmarkDotNet bolds the first row of each group (**Serialize**): the stars are not part of the value.
                var cells = line.Trim('|').Split('|').Select(cell => cell.Trim().Trim('*').Trim()).ToArray();
                if (header is null)
                {
                    header = cells;
                    continue;
                }

                if (cells.All(cell => cell.Length == 0 || cell.All(c => c is '-' or ':')))
                {
                    continue; // the separator under the header
                }

                var method = Array.FindIndex(header, cell => cell.Equals("Method", StringComparison.OrdinalIgnoreCase));
                var mean = Array.FindIndex(header, cell => cell.Equals("Mean", StringComparison.OrdinalIgnoreCase));
                if (method < 0 || mean < 0 || cells.Length <= mean || TryMicroseconds(cells[mean]) is not { } microseconds)
                {
                    continue;
                }

                var row = string.Join(' ', cells.Take(mean)).ToLowerInvariant();
                var text = (Path.GetFileNameWithoutExtension(name) + " " + row).ToLowerInvariant();
                var isMessagePack = text.Contains("msgpack", StringComparison.Ordinal) || text.Contains("messagepack", StringComparison.Ordinal);
                var namesJsonOnly = row.Contains("json", StringComparison.Ordinal) && !row.Contains("msgpack", StringComparison.Ordinal) && !row.Contains("messagepack", StringComparison.Ordinal);
                var is1K = cells.Take(mean).Any(cell => cell is "1024" or "1 KB" or "1KB" or "1 KiB" or "1KiB" || IsAboutOneKilobyte(cell))
                    || OneKilobyte().IsMatch(row);
                if (!isMessagePack || namesJsonOnly || !is1K)
                {
                    continue;
                }

                var source = $"`{cells[method]}` in bench/results/micro/{name}";
                if (Parse().IsMatch(row))
                {
                    parse ??= new Figure(microseconds, source);
                }
                else if (Serialize().IsMatch(row))
                {
                    serialize ??= new Figure(microseconds, source);
                }
            }
        }

        return (serialize, parse);
    }

    // An encoded-size column such as "973 B": the codec benchmarks' message is about 1 KB in every codec.
    private static bool IsAboutOneKilobyte(string cell) =>
        cell.EndsWith(" B", StringComparison.Ordinal)
        && int.TryParse(cell.AsSpan(0, cell.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
        && bytes is >= 768 and <= 1280;

    private static double? TryMicroseconds(string mean)
    {
        var match = Duration().Match(mean.Replace(",", "", StringComparison.Ordinal));
        if (!match.Success || !double.TryParse(match.Groups["value"].Value, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return match.Groups["unit"].Value switch
        {
            "ns" => value / 1000,
            "us" or "μs" or "µs" => value,
            "ms" => value * 1000,
            "s" => value * 1_000_000,
            _ => null,
        };
    }

    [GeneratedRegex(@"(?<value>[0-9]+(\.[0-9]+)?)\s*(?<unit>ns|us|μs|µs|ms|s)\b")]
    private static partial Regex Duration();

    [GeneratedRegex(@"(^|[^0-9])1\s?(k|kb|kib)([^a-z]|$)")]
    private static partial Regex OneKilobyte();

    [GeneratedRegex("deserial|parse|read|decode")]
    private static partial Regex Parse();

    [GeneratedRegex("serial|write|encode")]
    private static partial Regex Serialize();
}

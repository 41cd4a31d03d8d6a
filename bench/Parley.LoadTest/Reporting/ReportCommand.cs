using Parley.LoadTest.Results;

namespace Parley.LoadTest.Reporting;

/// <summary>
/// <c>report [--input FILE]</c>: writes docs/benchmarks.md and its charts under docs/images/ from a results file
/// (default bench/results/latest.json). A run does the same when it ends.
/// </summary>
internal static class ReportCommand
{
    private const string WhereHeading = "## Where the time goes";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var input = args switch
        {
            [] => RepositoryPaths.LatestResults,
            ["--input", var path] => path,
            _ => null,
        };
        if (input is null)
        {
            return Usage.Fail("report takes only --input FILE");
        }

        if (!File.Exists(input))
        {
            Console.Error.WriteLine($"error: {input} does not exist; make it with a run first");
            return 1;
        }

        var results = await ResultsJson.ReadAsync(input, cancellationToken);
        var written = await WriteAsync(results, cancellationToken);
        Console.WriteLine("report: " + string.Join(", ", written.Select(RepositoryPaths.Relative)));
        return 0;
    }

    /// <summary>Writes the page and its charts; returns the files written.</summary>
    public static async Task<List<string>> WriteAsync(ResultsFile results, CancellationToken cancellationToken)
    {
        var (serialize, parse) = MicroResults.Find(RepositoryPaths.MicroResults);
        var page = RepositoryPaths.Report;
        var writer = new ReportWriter(new ResultIndex(results), serialize, parse)
        {
            WhereTheTimeGoesBody = await KeptSectionAsync(page, cancellationToken) ?? ReportWriter.Placeholder,
        };
        var markdown = writer.Write();

        var written = new List<string>();
        Directory.CreateDirectory(RepositoryPaths.Images);
        foreach (var (name, svg) in writer.Charts)
        {
            var path = Path.Combine(RepositoryPaths.Images, name);
            await File.WriteAllTextAsync(path, svg, cancellationToken);
            written.Add(path);
        }

        await File.WriteAllTextAsync(page, markdown, cancellationToken);
        written.Insert(0, page);
        return written;
    }

    // "Where the time goes" is written by hand from profiles: a new report keeps whatever the page has there.
    private static async Task<string?> KeptSectionAsync(string page, CancellationToken cancellationToken)
    {
        if (!File.Exists(page))
        {
            return null;
        }

        var lines = await File.ReadAllLinesAsync(page, cancellationToken);
        var start = Array.IndexOf(lines, WhereHeading);
        if (start < 0)
        {
            return null;
        }

        var body = lines.Skip(start + 1)
            .TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
            .Where(line => !line.StartsWith("<!-- This section is written by hand", StringComparison.Ordinal))
            .ToList();
        var text = string.Join('\n', body).Trim();
        return text.Length == 0 ? null : text;
    }
}

namespace Parley.LoadTest;

/// <summary>Where the results and the report live: found from the repository root (the folder with Parley.slnx).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string LatestResults => Path.Combine(Root, "bench", "results", "latest.json");

    public static string MicroResults => Path.Combine(Root, "bench", "results", "micro");

    public static string Report => Path.Combine(Root, "docs", "benchmarks.md");

    public static string Images => Path.Combine(Root, "docs", "images");

    /// <summary><paramref name="path"/> relative to the root with forward slashes, for commands shown to a reader.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, Path.GetFullPath(path)).Replace('\\', '/');

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Parley.slnx")))
                {
                    return folder.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }
}

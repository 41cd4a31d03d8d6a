using System.Reflection;

namespace Parley.Tests.TestSupport;

/// <summary>Finds the build output of other projects in the repository, built in this test assembly's configuration.</summary>
public static class BuildOutput
{
    private static readonly string TestDirectory = Path.GetDirectoryName(Assembly.GetExecutingAssembly().Location)!;

    /// <summary>
    /// The path of <c><paramref name="projectFolder"/>/bin/&lt;configuration&gt;/net10.0/<paramref name="assemblyName"/>.dll</c>,
    /// where <paramref name="projectFolder"/> is relative to the repository root.
    /// </summary>
    /// <exception cref="FileNotFoundException">The project has not been built.</exception>
    public static string Dll(string projectFolder, string assemblyName)
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(TestDirectory))!; // bin/<configuration>/net10.0
        var root = Path.GetFullPath(Path.Combine(TestDirectory, "..", "..", "..", "..", ".."));
        var path = Path.Combine(root, projectFolder, "bin", configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first; {assemblyName} is missing.", path);
    }
}

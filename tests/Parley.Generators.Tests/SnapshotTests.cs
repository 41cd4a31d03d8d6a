using System.Runtime.CompilerServices;

namespace Parley.Generators.Tests;

/// <summary>
/// The generated files of representative contracts, compared with the files in Snapshots/. After an intended change to
/// the generator, refresh the expected files with <c>PARLEY_UPDATE_SNAPSHOTS=1 dotnet test tests/Parley.Generators.Tests</c>
/// and review the diff before committing.
/// </summary>
public sealed class SnapshotTests
{
    private const string Calculator = GeneratorHarness.Usings + """
        namespace Demo;

        public sealed record Sample(string Name, double[] Values);

        public interface IHealth
        {
            [Idempotent]
            Task<bool> PingAsync();
        }

        [RpcService]
        public interface ICalculator : IHealth
        {
            Task<int> AddAsync(int a, int b, CancellationToken cancellationToken = default);

            ValueTask<Sample?> FindAsync(string name);

            Task ResetAsync();

            ValueTask FlushAsync(CancellationToken cancellationToken);

            [OneWay]
            Task LogAsync(string line);

            [RpcTimeout(2500)]
            Task<double> AverageAsync(double[] values);

            [RpcMethod("sum-all")]
            Task<long> SumAsync(List<long> values);
        }
        """;

    /// <summary>One method of each streaming kind, and a unary one beside them.</summary>
    private const string Telemetry = GeneratorHarness.Usings + """
        namespace Demo;

        public sealed record Reading(string Sensor, double Value);

        [RpcService]
        public interface ITelemetry
        {
            Task<Reading?> LatestAsync(string sensor);

            IAsyncEnumerable<Reading> WatchAsync(string sensor, CancellationToken cancellationToken = default);

            Task<int> UploadAsync(IAsyncEnumerable<Reading> readings, CancellationToken cancellationToken = default);

            ValueTask ArchiveAsync(string sensor, IAsyncEnumerable<Reading> readings);

            [RpcTimeout(60000)]
            IAsyncEnumerable<double> AverageAsync(IAsyncEnumerable<Reading> readings, int window, CancellationToken cancellationToken = default);
        }
        """;

    [Fact]
    public void Generate_RepresentativeContract_MatchesCheckedInFile() =>
        AssertMatchesSnapshot(Calculator, "Demo.ICalculator.Parley.g.cs");

    [Fact]
    public void Generate_StreamingContract_MatchesCheckedInFile() =>
        AssertMatchesSnapshot(Telemetry, "Demo.ITelemetry.Parley.g.cs");

    private static void AssertMatchesSnapshot(string contract, string hintName)
    {
        // Arrange
        var expectedPath = Path.Combine(AppContext.BaseDirectory, "Snapshots", hintName);

        // Act
        var actual = GeneratorHarness.Run(contract).GeneratedText(hintName);

        // Assert
        if (Environment.GetEnvironmentVariable("PARLEY_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), "Snapshots", hintName), actual);
            return;
        }

        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing; create it with PARLEY_UPDATE_SNAPSHOTS=1.");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

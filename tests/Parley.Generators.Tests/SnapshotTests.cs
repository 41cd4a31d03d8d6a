using System.Runtime.CompilerServices;

namespace Parley.Generators.Tests;

/// <summary>
/// The generated file of one representative contract, compared with Snapshots/Demo.ICalculator.Parley.g.cs. After an
/// intended change to the generator, refresh the expected file with
/// <c>PARLEY_UPDATE_SNAPSHOTS=1 dotnet test tests/Parley.Generators.Tests</c> and review the diff before committing.
/// </summary>
public sealed class SnapshotTests
{
    private const string HintName = "Demo.ICalculator.Parley.g.cs";

    private const string Contract = GeneratorHarness.Usings + """
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

    [Fact]
    public void Generate_RepresentativeContract_MatchesCheckedInFile()
    {
        // Arrange
        var expectedPath = Path.Combine(AppContext.BaseDirectory, "Snapshots", HintName);

        // Act
        var actual = GeneratorHarness.Run(Contract).GeneratedText(HintName);

        // Assert
        if (Environment.GetEnvironmentVariable("PARLEY_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), "Snapshots", HintName), actual);
            return;
        }

        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing; create it with PARLEY_UPDATE_SNAPSHOTS=1.");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

using Parley.LoadTest.Results;

namespace Parley.LoadTest.Reporting;

/// <summary>The cells of a results file, found by system and cell.</summary>
internal sealed class ResultIndex(ResultsFile results)
{
    public const string RawSocket = "raw-socket";
    public const string Http1Json = "http1-json";
    public const string Http2 = "http2";

    /// <summary>The systems in the order the run measured them.</summary>
    public IReadOnlyList<string> Systems { get; } = results.Cells.Select(cell => cell.System).Distinct().ToList();

    /// <summary>The Parley systems among them.</summary>
    public IReadOnlyList<string> ParleySystems => Systems.Where(name => name.StartsWith("parley", StringComparison.Ordinal)).ToList();

    public ResultsFile Results { get; } = results;

    public CellResult? Find(string system, string workload, int callers, int payloadBytes, int? rate = null) =>
        Results.Cells.FirstOrDefault(cell =>
            cell.System == system && cell.Workload == workload && cell.Callers == callers &&
            cell.PayloadBytes == payloadBytes && cell.TargetRate == rate && cell.Repetitions > 0);

    public IEnumerable<CellResult> Workload(string workload) => Results.Cells.Where(cell => cell.Workload == workload);
}

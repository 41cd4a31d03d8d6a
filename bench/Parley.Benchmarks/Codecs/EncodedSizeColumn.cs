using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Parley.Benchmarks.Codecs;

/// <summary>The <c>Encoded</c> column of <see cref="CodecBenchmarks"/>: how many bytes the row's codec writes.</summary>
internal sealed class EncodedSizeColumn : IColumn
{
    public string Id => nameof(EncodedSizeColumn);

    public string ColumnName => "Encoded";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Params;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Bytes the codec writes for the message";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters[nameof(CodecBenchmarks.Codec)] is string codec
            ? $"{CodecBenchmarks.Encode(codec).Length} B"
            : "?";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    /// <summary>Adds the column to a benchmark class through <c>[Config(typeof(EncodedSizeColumn.Config))]</c>.</summary>
    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new EncodedSizeColumn());
    }
}

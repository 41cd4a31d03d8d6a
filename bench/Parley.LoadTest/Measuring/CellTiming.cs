namespace Parley.LoadTest.Measuring;

/// <summary>How long a cell warms up before it is measured, and how long it is measured.</summary>
internal sealed record CellTiming(TimeSpan Warmup, TimeSpan Measure);

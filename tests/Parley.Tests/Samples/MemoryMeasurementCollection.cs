namespace Parley.Tests.Samples;

/// <summary>
/// Tests that measure this process's memory run alone: tests running beside them would allocate in the same heap and
/// compete for the same cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Memory measurements";
}

namespace Parley.Tests.TestSupport;

/// <summary>
/// Tests that measure the process's memory or wait for a producer to stall: they run on their own, after the others,
/// so that nothing else allocates or competes for the two cores meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresMemoryCollection
{
    public const string Name = "Measures memory";
}

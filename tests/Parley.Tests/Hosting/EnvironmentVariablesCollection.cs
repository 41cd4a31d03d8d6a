namespace Parley.Tests.Hosting;

/// <summary>
/// Tests that set real PARLEY_ environment variables run alone: the variables are process-wide, and a test binding the
/// default sections in parallel would see them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariablesCollection
{
    public const string Name = "PARLEY_ environment variables";
}

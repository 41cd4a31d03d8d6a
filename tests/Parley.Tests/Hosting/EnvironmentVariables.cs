namespace Parley.Tests.Hosting;

/// <summary>Sets process environment variables for one test and removes them when disposed.</summary>
public sealed class EnvironmentVariables : IDisposable
{
    private readonly List<string> _names = [];

    public EnvironmentVariables Set(string name, string value)
    {
        _names.Add(name);
        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    public void Dispose()
    {
        foreach (var name in _names)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}

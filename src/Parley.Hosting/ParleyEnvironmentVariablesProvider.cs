using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Parley.Configuration;

namespace Parley.Hosting;

/// <summary>
/// The standard environment variable provider with the <c>PARLEY_</c> prefix, its keys moved under the <c>Parley</c>
/// section, so that <c>PARLEY_SERVER__DRAINTIMEOUT</c> and an appsettings.json <c>"Parley": { "Server": { "DrainTimeout" } }</c>
/// are one and the same key and the usual source precedence decides between them.
/// </summary>
internal sealed class ParleyEnvironmentVariablesProvider : ConfigurationProvider
{
    private const string Root = "Parley";

    public override void Load()
    {
        var variables = new EnvironmentVariablesConfigurationProvider(ParleyConfiguration.EnvironmentVariablePrefix);
        variables.Load();
        using var view = new ConfigurationRoot([variables]);
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in view.AsEnumerable())
        {
            if (value is not null && key.Length > 0)
            {
                data[Root + ConfigurationPath.KeyDelimiter + key] = value;
            }
        }

        Data = data;
    }
}

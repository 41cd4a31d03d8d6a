using Microsoft.Extensions.Configuration;

namespace Parley.Hosting;

/// <summary>The configuration source of the <c>PARLEY_</c> environment variables.</summary>
internal sealed class ParleyEnvironmentVariablesSource : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new ParleyEnvironmentVariablesProvider();
}

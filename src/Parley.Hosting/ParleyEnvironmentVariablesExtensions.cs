using Parley.Hosting;

namespace Microsoft.Extensions.Configuration;

/// <summary>Reads Parley's settings from <c>PARLEY_</c> environment variables.</summary>
public static class ParleyEnvironmentVariablesExtensions
{
    /// <summary>
    /// Adds the environment variables that start with <c>PARLEY_</c> under the <c>Parley</c> section, with the standard
    /// .NET conversion (a double underscore separates sections, names match case-insensitively):
    /// <c>PARLEY_SERVER__MAXCONNECTIONS=100</c> becomes <c>Parley:Server:MaxConnections</c>, and
    /// <c>PARLEY_CLIENT__LIMITS__MAXPAYLOADBYTES=65536</c> becomes <c>Parley:Client:Limits:MaxPayloadBytes</c>. Like any
    /// source, it overrides the sources added before it. The variables are read once, when the configuration is built.
    /// </summary>
    public static IConfigurationBuilder AddParleyEnvironmentVariables(this IConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new ParleyEnvironmentVariablesSource());
    }
}

namespace Parley.Configuration;

/// <summary>
/// A configuration value that Parley cannot use: it does not parse, is out of range, or names a setting that does not
/// exist or can only be set in code. The message names the key (and its environment variable when it has one).
/// </summary>
public sealed class RpcConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception for the value at <paramref name="key"/>.</summary>
    /// <param name="key">The full configuration key, e.g. <c>Parley:Server:MaxConnections</c>.</param>
    /// <param name="problem">What is wrong with the value, as a sentence.</param>
    /// <param name="innerException">The parse or validation error, if any.</param>
    public RpcConfigurationException(string key, string problem, Exception? innerException = null)
        : base(FormatMessage(key, problem), innerException)
    {
        Key = key;
    }

    /// <summary>The full configuration key of the offending value, e.g. <c>Parley:Server:MaxConnections</c>.</summary>
    public string Key { get; }

    private static string FormatMessage(string key, string problem)
    {
        ArgumentNullException.ThrowIfNull(key);
        var variable = ParleyConfiguration.EnvironmentVariableFor(key);
        var where = variable is null ? $"'{key}'" : $"'{key}' (environment variable {variable})";
        return $"Invalid Parley configuration at {where}: {problem}";
    }
}

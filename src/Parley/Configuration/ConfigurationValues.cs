using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Parley.Configuration;

/// <summary>Parses configuration values strictly, throwing <see cref="RpcConfigurationException"/> naming the key.</summary>
internal static class ConfigurationValues
{
    public static int Int32(IConfigurationSection section)
    {
        var text = Text(section);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RpcConfigurationException(section.Path, $"'{text}' is not a whole number.");
    }

    public static bool Boolean(IConfigurationSection section)
    {
        var text = Text(section);
        return bool.TryParse(text, out var value)
            ? value
            : throw new RpcConfigurationException(section.Path, $"'{text}' is not true or false.");
    }

    /// <summary>
    /// A time span as <c>[d.]hh:mm:ss[.fffffff]</c>, or <c>Infinite</c> for <see cref="Timeout.InfiniteTimeSpan"/>. A bare
    /// number is refused: TimeSpan would read "5" as five days, which is never what a timeout means.
    /// </summary>
    public static TimeSpan TimeSpan(IConfigurationSection section)
    {
        var text = Text(section);
        if (string.Equals(text, "Infinite", StringComparison.OrdinalIgnoreCase))
        {
            return Timeout.InfiniteTimeSpan;
        }

        if (!text.Contains(':', StringComparison.Ordinal)
            || !System.TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value))
        {
            throw new RpcConfigurationException(section.Path,
                $"'{text}' is not a time span; write hh:mm:ss (e.g. 00:00:05 for five seconds, 00:00:00.250 for 250 ms) or Infinite.");
        }

        return value;
    }

    public static ParleyPreset Preset(IConfigurationSection section)
    {
        var text = Text(section);
        foreach (var preset in Enum.GetValues<ParleyPreset>())
        {
            if (string.Equals(text, preset.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return preset;
            }
        }

        throw new RpcConfigurationException(section.Path,
            $"'{text}' is not a preset; use one of {string.Join(", ", Enum.GetNames<ParleyPreset>())}.");
    }

    private static string Text(IConfigurationSection section)
    {
        var text = section.Value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new RpcConfigurationException(section.Path,
                section.GetChildren().Any() ? "a value is expected here, not a section." : "the value is empty.");
        }

        return text;
    }
}

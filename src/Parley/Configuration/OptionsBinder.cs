using Microsoft.Extensions.Configuration;
using Parley.Protocol;

namespace Parley.Configuration;

/// <summary>
/// Binds one options type from a configuration section through an explicit table of keys, with no reflection: every
/// key is known, a typo or a code-only setting fails naming its key, and the preset is applied before the rest.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
internal sealed class OptionsBinder<TOptions>
    where TOptions : class
{
    private static readonly Dictionary<string, Action<ProtocolLimits, IConfigurationSection>> LimitSetters =
        new(StringComparer.OrdinalIgnoreCase)
        {
            [nameof(ProtocolLimits.MaxPayloadBytes)] = (limits, s) => limits.MaxPayloadBytes = ConfigurationValues.Int32(s),
            [nameof(ProtocolLimits.MaxMetadataBytes)] = (limits, s) => limits.MaxMetadataBytes = ConfigurationValues.Int32(s),
            [nameof(ProtocolLimits.MaxMetadataEntries)] = (limits, s) => limits.MaxMetadataEntries = ConfigurationValues.Int32(s),
            [nameof(ProtocolLimits.StreamWindowBytes)] = (limits, s) => limits.StreamWindowBytes = ConfigurationValues.Int32(s),
            [nameof(ProtocolLimits.ConnectionWindowBytes)] = (limits, s) => limits.ConnectionWindowBytes = ConfigurationValues.Int32(s),
        };

    private readonly string _kind;
    private readonly Dictionary<string, Action<TOptions, IConfigurationSection>> _setters;
    private readonly HashSet<string> _codeOnly;
    private readonly HashSet<string> _otherKeys;
    private readonly Func<TOptions, ProtocolLimits> _limits;
    private readonly Action<TOptions, ParleyPreset> _applyPreset;
    private readonly Action<TOptions> _validate;

    public OptionsBinder(
        string kind,
        Dictionary<string, Action<TOptions, IConfigurationSection>> setters,
        IEnumerable<string> codeOnly,
        IEnumerable<string> otherKeys,
        Func<TOptions, ProtocolLimits> limits,
        Action<TOptions, ParleyPreset> applyPreset,
        Action<TOptions> validate)
    {
        _kind = kind;
        _setters = new(setters, StringComparer.OrdinalIgnoreCase);
        _codeOnly = new(codeOnly, StringComparer.OrdinalIgnoreCase);
        _otherKeys = new(otherKeys, StringComparer.OrdinalIgnoreCase) { ParleyConfiguration.PresetKey, ParleyConfiguration.LimitsKey };
        _limits = limits;
        _applyPreset = applyPreset;
        _validate = validate;
    }

    /// <summary>The keys this binder sets (scalar options only), for documentation and tests.</summary>
    public IEnumerable<string> Keys => _setters.Keys.Concat(LimitSetters.Keys.Select(k => ParleyConfiguration.LimitsKey + ":" + k));

    /// <summary>Applies the section's preset, then each of its values, then validates the result.</summary>
    /// <exception cref="RpcConfigurationException">A value is invalid; the exception names its key.</exception>
    public void Bind(TOptions options, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        var preset = section.GetSection(ParleyConfiguration.PresetKey);
        if (preset.Value is not null)
        {
            _applyPreset(options, ConfigurationValues.Preset(preset));
        }

        // Validation errors name the option (ParamName); this maps each option set here back to its key.
        var boundKeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (_setters.TryGetValue(child.Key, out var set))
            {
                set(options, child);
                boundKeys[child.Key] = child.Path;
            }
            else if (string.Equals(child.Key, ParleyConfiguration.LimitsKey, StringComparison.OrdinalIgnoreCase))
            {
                BindLimits(_limits(options), child, boundKeys);
            }
            else if (_codeOnly.Contains(child.Key))
            {
                throw new RpcConfigurationException(child.Path, $"{child.Key} cannot be set from configuration; set it in code.");
            }
            else if (!_otherKeys.Contains(child.Key))
            {
                throw new RpcConfigurationException(child.Path,
                    $"'{child.Key}' is not a Parley {_kind} setting. Known keys: {string.Join(", ", Keys.Order(StringComparer.Ordinal))}.");
            }
        }

        try
        {
            _validate(options);
        }
        catch (ArgumentException ex) when (ex.ParamName is not null && boundKeys.TryGetValue(ex.ParamName, out var key))
        {
            throw new RpcConfigurationException(key, ex.Message, ex);
        }
    }

    private static void BindLimits(ProtocolLimits limits, IConfigurationSection section, Dictionary<string, string> boundKeys)
    {
        if (section.Value is not null)
        {
            throw new RpcConfigurationException(section.Path,
                "Limits is a section: set its values as Limits:MaxPayloadBytes, Limits:MaxMetadataBytes, Limits:MaxMetadataEntries, " +
                "Limits:StreamWindowBytes and Limits:ConnectionWindowBytes.");
        }

        foreach (var child in section.GetChildren())
        {
            if (!LimitSetters.TryGetValue(child.Key, out var set))
            {
                throw new RpcConfigurationException(child.Path,
                    $"'{child.Key}' is not a limit. Known keys: {string.Join(", ", LimitSetters.Keys)}.");
            }

            set(limits, child);
            boundKeys[child.Key] = child.Path;
        }
    }
}

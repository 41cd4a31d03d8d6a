using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Parley;

/// <summary>Validation helpers for options; each throws <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
internal static class OptionsGuard
{
    public static void InRange(long value, long min, long max, string name)
    {
        if (value < min || value > max)
        {
            ThrowOutOfRange(name, value.ToString(CultureInfo.InvariantCulture), $"between {min} and {max}");
        }
    }

    public static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            ThrowOutOfRange(name, value.ToString(), "positive");
        }
    }

    /// <summary>Accepts a positive span or <see cref="Timeout.InfiniteTimeSpan"/> (the feature is off).</summary>
    public static void PositiveOrInfinite(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            ThrowOutOfRange(name, value.ToString(), "positive or Timeout.InfiniteTimeSpan");
        }
    }

    [DoesNotReturn]
    private static void ThrowOutOfRange(string name, string actual, string expected) =>
        throw new ArgumentOutOfRangeException(name, $"{name} is {actual}; it must be {expected}.");
}

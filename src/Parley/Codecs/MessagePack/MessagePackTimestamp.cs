using System.Globalization;

namespace Parley.Codecs.MessagePack;

/// <summary>
/// The MessagePack timestamp (extension type -1) at full precision: seconds since 1970-01-01T00:00:00Z and
/// nanoseconds within that second. Use it as a parameter, result or property type where nanoseconds or instants outside
/// the years 1 to 9999 matter; <see cref="DateTime"/> and <see cref="DateTimeOffset"/> carry 100 ns ticks and
/// truncate finer timestamps when reading.
/// </summary>
public readonly struct MessagePackTimestamp : IEquatable<MessagePackTimestamp>
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    /// <summary>Creates a timestamp.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nanoseconds"/> is 1,000,000,000 or more.</exception>
    public MessagePackTimestamp(long seconds, uint nanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nanoseconds, 999_999_999u);
        Seconds = seconds;
        Nanoseconds = nanoseconds;
    }

    /// <summary>Seconds since the Unix epoch (negative before 1970).</summary>
    public long Seconds { get; }

    /// <summary>Nanoseconds added to <see cref="Seconds"/>: 0 to 999,999,999.</summary>
    public uint Nanoseconds { get; }

    /// <summary>Whether this instant can be a <see cref="DateTimeOffset"/> (years 1 to 9999).</summary>
    public bool FitsDateTime =>
        Seconds >= (DateTimeOffset.MinValue.UtcTicks - UnixEpochTicks) / TicksPerSecond &&
        Seconds <= (DateTimeOffset.MaxValue.UtcTicks - UnixEpochTicks) / TicksPerSecond;

    /// <summary>The timestamp of <paramref name="value"/>'s instant (its UTC time).</summary>
    public static MessagePackTimestamp FromDateTimeOffset(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - UnixEpochTicks;
        var seconds = Math.DivRem(ticks, TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TicksPerSecond;
        }

        return new MessagePackTimestamp(seconds, (uint)(remainder * 100));
    }

    /// <summary>This instant as a UTC <see cref="DateTimeOffset"/>, truncated to 100 ns ticks.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant is outside the years 1 to 9999 (see <see cref="FitsDateTime"/>).</exception>
    public DateTimeOffset ToDateTimeOffset()
    {
        if (!FitsDateTime)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Seconds), Seconds, "The timestamp is outside the range of DateTimeOffset (years 1 to 9999).");
        }

        // Within the range checked above the sum cannot pass DateTimeOffset.MaxValue: the last second ends at its last tick.
        return new DateTimeOffset(UnixEpochTicks + (Seconds * TicksPerSecond) + (Nanoseconds / 100), TimeSpan.Zero);
    }

    /// <inheritdoc/>
    public bool Equals(MessagePackTimestamp other) => Seconds == other.Seconds && Nanoseconds == other.Nanoseconds;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MessagePackTimestamp other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Seconds, Nanoseconds);

    /// <summary>"1700000000.000000123".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Seconds}.{Nanoseconds:D9}");

    /// <summary>Whether two timestamps are the same instant.</summary>
    public static bool operator ==(MessagePackTimestamp left, MessagePackTimestamp right) => left.Equals(right);

    /// <summary>Whether two timestamps are different instants.</summary>
    public static bool operator !=(MessagePackTimestamp left, MessagePackTimestamp right) => !left.Equals(right);
}

namespace Parley.Cluster;

/// <summary>
/// Hedging for idempotent calls: when the first attempt has not answered within <see cref="Delay"/>, the same call is
/// sent to another instance as well, and the first good answer wins (the others are cancelled). Hedges count against
/// the retry budget and start only inside the call's deadline. Calls to methods that are not idempotent are never hedged.
/// </summary>
public sealed class HedgingOptions
{
    /// <summary>How long to wait for an answer before sending the next copy.</summary>
    /// <value>Default 100 ms.</value>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The most copies in flight at once, the first included.</summary>
    /// <value>Default 2. Range 2 to 10.</value>
    public int MaxAttempts { get; set; } = 2;

    internal void Validate()
    {
        OptionsGuard.Positive(Delay, nameof(Delay));
        OptionsGuard.InRange(MaxAttempts, 2, 10, nameof(MaxAttempts));
    }

    internal HedgingOptions Clone() => (HedgingOptions)MemberwiseClone();
}

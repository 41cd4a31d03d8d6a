using System.Diagnostics;
using System.Numerics;

namespace Parley.LoadTest.Measuring;

/// <summary>
/// A latency histogram in the manner of HdrHistogram: log-linear buckets, 128 linear sub-buckets in each power of two,
/// so any value is kept within 1/128 (0.8 %) of itself, from 1 ns up to about 18 minutes, in a fixed 35 KB.
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="Record"/> uses interlocked increments, so the callers of a cell share one histogram
/// (contention on two cores costs far less than a call) and recording never allocates.
/// </remarks>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBucketCount = 1 << SubBucketBits;
    private const int MaxExponent = 40; // 2^40 ns ≈ 18 minutes; longer values are kept as that
    private const long MaxValue = (1L << (MaxExponent + 1)) - 1;
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly long[] _counts = new long[(MaxExponent - SubBucketBits + 2) * SubBucketCount];
    private long _total;
    private long _max;

    public long TotalCount => Volatile.Read(ref _total);

    /// <summary>The nanoseconds between two <see cref="Stopwatch.GetTimestamp"/> readings.</summary>
    public static long Nanoseconds(long startTimestamp, long endTimestamp) =>
        (long)((endTimestamp - startTimestamp) * NanosecondsPerTick);

    public void Record(long nanoseconds)
    {
        var value = Math.Clamp(nanoseconds, 0, MaxValue);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _total);
        var max = Volatile.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0–100) in microseconds: the middle of the bucket where the
    /// cumulative count first reaches that share of all values, never above the largest value recorded.
    /// </summary>
    public double PercentileMicroseconds(double percentile)
    {
        var total = TotalCount;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * total));
        long seen = 0;
        for (var index = 0; index < _counts.Length; index++)
        {
            seen += Volatile.Read(ref _counts[index]);
            if (seen >= rank)
            {
                var (lower, width) = Bucket(index);
                return Math.Min(lower + (width - 1) / 2.0, Volatile.Read(ref _max)) / 1000.0;
            }
        }

        return Volatile.Read(ref _max) / 1000.0;
    }

    internal static int IndexOf(long value)
    {
        if (value < SubBucketCount)
        {
            return (int)value;
        }

        // The top SubBucketBits bits below the leading one pick the sub-bucket; the leading one's position the power.
        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = exponent - SubBucketBits;
        var sub = (int)(value >> shift) - SubBucketCount;
        return ((shift + 1) * SubBucketCount) + sub;
    }

    internal static (long Lower, long Width) Bucket(int index)
    {
        if (index < SubBucketCount)
        {
            return (index, 1);
        }

        var shift = (index / SubBucketCount) - 1;
        var sub = index % SubBucketCount;
        return ((long)(SubBucketCount + sub) << shift, 1L << shift);
    }
}

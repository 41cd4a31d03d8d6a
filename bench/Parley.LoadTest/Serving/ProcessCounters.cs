using System.Globalization;

namespace Parley.LoadTest.Serving;

/// <summary>What one process has used so far: the counters taken before and after each measured period.</summary>
/// <param name="AllocatedBytes">Bytes allocated by every thread since the process started (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, precise).</param>
/// <param name="CpuMicroseconds">User plus kernel CPU time of the process, in microseconds.</param>
/// <param name="PeakWorkingSetBytes">The largest resident set since the process started or since <see cref="ResetPeak"/>.</param>
/// <param name="Gen0">Gen 0 collections so far.</param>
/// <param name="Gen2">Gen 2 collections so far.</param>
internal readonly record struct ProcessCounters(
    long AllocatedBytes, long CpuMicroseconds, long PeakWorkingSetBytes, int Gen0, int Gen2)
{
    public static ProcessCounters Read() => new(
        GC.GetTotalAllocatedBytes(precise: true),
        // The same quantity as Process.TotalProcessorTime, read through getrusage: microseconds rather than the
        // 10 ms clock ticks of /proc/self/stat, which matter over a measured period of a few seconds.
        (long)Environment.CpuUsage.TotalTime.TotalMicroseconds,
        PeakWorkingSet(),
        GC.CollectionCount(0),
        GC.CollectionCount(2));

    /// <summary>
    /// Starts a new peak: on Linux, writing 5 to /proc/self/clear_refs resets the kernel's high-water mark of the
    /// resident set (VmHWM), so a cell's peak is its own and not the largest of every cell before it. Elsewhere the
    /// peak stays the process's peak since it started.
    /// </summary>
    public static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // not Linux, or not allowed: the peak since start is still a true upper bound
        }
    }

    public string Format() => string.Create(
        CultureInfo.InvariantCulture,
        $"alloc={AllocatedBytes} cpu_us={CpuMicroseconds} peak_ws={PeakWorkingSetBytes} gen0={Gen0} gen2={Gen2}");

    public static ProcessCounters Parse(string text)
    {
        long alloc = 0, cpu = 0, peak = 0;
        int gen0 = 0, gen2 = 0;
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var value = long.Parse(part.AsSpan(equals + 1), CultureInfo.InvariantCulture);
            switch (part[..equals])
            {
                case "alloc": alloc = value; break;
                case "cpu_us": cpu = value; break;
                case "peak_ws": peak = value; break;
                case "gen0": gen0 = (int)value; break;
                case "gen2": gen2 = (int)value; break;
            }
        }

        return new(alloc, cpu, peak, gen0, gen2);
    }

    private static long PeakWorkingSet()
    {
        // VmHWM is what Process.PeakWorkingSet64 reports on Linux; reading it directly avoids a Process object per read.
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var digits = line.AsSpan(6).Trim();
                    digits = digits[..digits.IndexOf(' ')];
                    return long.Parse(digits, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}

using System.Globalization;
using System.Runtime.InteropServices;

namespace Parley.LoadTest.Results;

/// <summary>One line that says what ran the benchmarks: CPU model, cores, memory, OS, .NET and GC mode.</summary>
internal static class MachineDescription
{
    public static string Describe(int? cpus)
    {
        var machineCores = cpus is null ? Environment.ProcessorCount : MachineCores();
        var cores = string.Create(CultureInfo.InvariantCulture, $"{machineCores} core{(machineCores == 1 ? "" : "s")}");
        if (cpus is { } count)
        {
            cores += string.Create(CultureInfo.InvariantCulture, $" (both processes run with DOTNET_PROCESSOR_COUNT={count})");
        }

        return string.Join(", ",
            CpuModel(),
            cores,
            Memory(),
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            RuntimeFacts.GcMode + " GC");
    }

    /// <summary>The 1-minute load average from /proc/loadavg, or null where there is none.</summary>
    public static string? LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string CpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return RuntimeInformation.ProcessArchitecture + " CPU";
    }

    // The machine's cores when --cpus has lowered Environment.ProcessorCount on purpose.
    private static int MachineCores()
    {
        try
        {
            var count = File.ReadLines("/proc/cpuinfo").Count(line => line.StartsWith("processor", StringComparison.Ordinal));
            if (count > 0)
            {
                return count;
            }
        }
        catch (IOException)
        {
        }

        return Environment.ProcessorCount;
    }

    private static string Memory()
    {
        var bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                {
                    var digits = line.AsSpan(9).Trim();
                    bytes = long.Parse(digits[..digits.IndexOf(' ')], CultureInfo.InvariantCulture) * 1024;
                    break;
                }
            }
        }
        catch (IOException)
        {
        }

        return string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):F0} GiB RAM");
    }
}

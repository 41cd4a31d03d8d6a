using System.Globalization;
using System.Runtime.InteropServices;

namespace Parley.LoadTest.Results;

/// <summary>One line that says what ran the benchmarks: CPU model, cores, memory, OS, .NET and GC mode.</summary>
internal static class MachineDescription
{
    public static string Describe(int? cpus)
    {
        var cores = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores");
        if (cpus is not null)
        {
            cores += " (DOTNET_PROCESSOR_COUNT set by --cpus)";
        }

        return string.Join(", ",
            CpuModel(),
            cores,
            Memory(),
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            RuntimeFacts.GcMode + " GC");
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

using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using Parley.Client;

namespace Parley.LoadTest;

/// <summary>Facts about this process's runtime that decide whether two measurements can be compared.</summary>
internal static class RuntimeFacts
{
    /// <summary><c>workstation-concurrent</c>, <c>workstation-nonconcurrent</c>, <c>server-concurrent</c> or <c>server-nonconcurrent</c>.</summary>
    public static string GcMode =>
        (GCSettings.IsServerGC ? "server" : "workstation") +
        (GCSettings.LatencyMode == GCLatencyMode.Batch ? "-nonconcurrent" : "-concurrent");

    /// <summary>Whether Parley itself was compiled with optimizations (a Release build).</summary>
    public static bool ParleyIsOptimized =>
        typeof(RpcClient).Assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };
}

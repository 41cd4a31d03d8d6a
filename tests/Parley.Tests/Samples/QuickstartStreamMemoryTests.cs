using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Client;
using Parley.Tests.TestSupport;
using Xunit.Abstractions;

namespace Parley.Tests.Samples;

/// <summary>
/// A reader that stops reading holds the server back: the sample's <c>serve</c> process streams Count(50,000,000) to
/// this process, which reads slowly and then not at all, and neither side's memory grows with the messages the server
/// could have sent meanwhile.
/// </summary>
[Collection(MeasuresMemoryCollection.Name)]
public sealed partial class QuickstartStreamMemoryTests(ITestOutputHelper output)
{
    private const long Mebibyte = 1024 * 1024;

    // What a stopped reader may cost each side. Flow control lets the server get one stream window (256 KiB) of
    // messages ahead of the reader and no further. Measured: the server's RSS grew by 0.4 MiB and this process's live
    // heap by under 1 MiB while the reader was stopped; with the client's windows opened to 1 GiB, the same 3 s grew
    // them by about 110 MiB and 225 MiB. 32 MiB is far above the first, so GC and JIT noise on a busy machine does not
    // fail the test, and well below the second, so a server that stops waiting for credit does.
    private const long GrowthBound = 32 * Mebibyte;

    [Fact]
    public async Task CountStream_ReaderStops_ServerAndClientMemoryStayBoundedAndTheStreamResumesInOrder()
    {
        await using var serve = QuickstartProcess.Start("serve", "--port", "0");
        var port = PortPattern().Match(await serve.FirstLine.DefaultTimeout()).Groups[1].Value;
        await using var client = RpcClient.Create($"tcp://127.0.0.1:{port}");

        // One whole stream first, so that both sides have compiled the streaming path and sized their pools and heaps.
        var warmUp = await CountAllAsync(client.ServerStreamAsync<int>("Calculator", "Count", [100_000])).DefaultTimeout();
        var serverBaseline = ResidentBytes(serve.Id);
        var clientBaseline = GC.GetTotalMemory(forceFullCollection: true);

        var stream = client.ServerStreamAsync<int>("Calculator", "Count", [50_000_000]).GetAsyncEnumerator();
        var read = new List<int>();
        long serverPeak = 0, clientPeak = 0, clientWorkingSetPeak = 0;
        TimeSpan serverCpuWhileStopped;
        try
        {
            // The delays are the point of the test: a reader slower than the server, then one that stops.
            for (var i = 0; i < 10; i++)
            {
                read.Add(await NextAsync(stream));
                await Task.Delay(100);
            }

            var stoppedAt = CpuTime(serve.Id);
            for (var sample = 0; sample < 5; sample++)
            {
                await Task.Delay(400);
                serverPeak = Math.Max(serverPeak, ResidentBytes(serve.Id));
                clientPeak = Math.Max(clientPeak, GC.GetTotalMemory(forceFullCollection: true));
                clientWorkingSetPeak = Math.Max(clientWorkingSetPeak, Environment.WorkingSet);
            }

            serverCpuWhileStopped = CpuTime(serve.Id) - stoppedAt;
            for (var i = 0; i < 5; i++)
            {
                read.Add(await NextAsync(stream));
            }
        }
        finally
        {
            await stream.DisposeAsync().DefaultTimeout(); // cancels the call on the server
        }

        var serverGrowth = serverPeak - serverBaseline;
        var clientGrowth = clientPeak - clientBaseline;
        output.WriteLine($"warm-up stream: {warmUp} messages");
        output.WriteLine($"server RSS: baseline {Mib(serverBaseline)}, peak while stopped {Mib(serverPeak)}, growth {Mib(serverGrowth)}");
        output.WriteLine($"server CPU while the reader was stopped: {serverCpuWhileStopped.TotalMilliseconds:F0} ms");
        output.WriteLine($"client managed heap: baseline {Mib(clientBaseline)}, peak {Mib(clientPeak)}, growth {Mib(clientGrowth)}");
        output.WriteLine($"client working set peak: {Mib(clientWorkingSetPeak)}");

        Assert.Equal(100_000, warmUp);
        Assert.Equal(Enumerable.Range(1, 15), read);
        Assert.True(serverGrowth < GrowthBound, $"the server's RSS grew by {Mib(serverGrowth)} while the reader was stopped");
        Assert.True(clientGrowth < GrowthBound, $"the client's managed heap grew by {Mib(clientGrowth)} while the reader was stopped");
    }

    private static async Task<int> NextAsync(IAsyncEnumerator<int> stream)
    {
        Assert.True(await stream.MoveNextAsync().DefaultTimeout(), "the stream ended early");
        return stream.Current;
    }

    private static async Task<int> CountAllAsync(IAsyncEnumerable<int> stream)
    {
        var count = 0;
        await foreach (var _ in stream)
        {
            count++;
        }

        return count;
    }

    // VmRSS: the process's resident memory, as the kernel counts it ("VmRSS:   51234 kB").
    private static long ResidentBytes(int processId)
    {
        var status = File.ReadAllText($"/proc/{processId}/status");
        var match = ResidentPattern().Match(status);
        Assert.True(match.Success, "no VmRSS in /proc/<pid>/status");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 1024;
    }

    // utime + stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux); counted after the
    // command name, which is in parentheses and may contain spaces.
    private static TimeSpan CpuTime(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)Mebibyte:F1} MiB");

    [GeneratedRegex(@"tcp://127\.0\.0\.1:(\d+)")]
    private static partial Regex PortPattern();

    [GeneratedRegex(@"^VmRSS:\s+(\d+) kB", RegexOptions.Multiline)]
    private static partial Regex ResidentPattern();
}

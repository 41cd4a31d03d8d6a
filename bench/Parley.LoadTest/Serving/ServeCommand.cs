using System.Globalization;
using System.Text;
using Parley.LoadTest.Systems;

namespace Parley.LoadTest.Serving;

/// <summary>
/// <c>serve --system NAME</c>: the server process. It starts the system's server, then answers control lines on
/// stdin with one line each on stdout, until <c>stop</c> or the end of stdin (the load process has gone).
/// </summary>
/// <remarks>
/// Control lines:
/// <list type="bullet">
/// <item><c>counters</c> → <c>counters alloc=… cpu_us=… peak_ws=… gen0=… gen2=…</c> (see <see cref="ProcessCounters"/>)</item>
/// <item><c>reset-peak</c> → <c>ok</c>: the next peak working set is measured from now</item>
/// <item><c>stop</c> → <c>stopped</c> once the server is disposed; the process then exits</item>
/// </list>
/// The first line is <c>ready port=… gc=… cpus=…</c>, or <c>error …</c> if the server could not start. Everything
/// else the process prints (a library's console logging, for instance) goes to stderr, so stdout stays the channel.
/// </remarks>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var channel = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        Console.SetOut(Console.Error);

        if (args is not ["--system", var name] || BenchSystems.Find(name) is not { } system)
        {
            await channel.WriteLineAsync($"error serve needs --system NAME, one of: {BenchSystems.Names}");
            return 2;
        }

        IBenchServer server;
        try
        {
            using var startTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            server = await system.StartServerAsync(startTimeout.Token);
        }
        catch (Exception ex)
        {
            await channel.WriteLineAsync("error " + OneLine(ex));
            return 1;
        }

        await using (server)
        {
            await channel.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"ready port={server.EndPoint.Port} gc={RuntimeFacts.GcMode} cpus={Environment.ProcessorCount}"));

            using var input = new StreamReader(Console.OpenStandardInput());
            while (await input.ReadLineAsync() is { } line)
            {
                switch (line.Trim())
                {
                    case "counters":
                        await channel.WriteLineAsync("counters " + ProcessCounters.Read().Format());
                        break;
                    case "reset-peak":
                        ProcessCounters.ResetPeak();
                        await channel.WriteLineAsync("ok");
                        break;
                    case "stop":
                        await server.DisposeAsync();
                        await channel.WriteLineAsync("stopped");
                        return 0;
                    default:
                        await channel.WriteLineAsync($"error unknown control line '{line}'");
                        break;
                }
            }
        }

        return 0;
    }

    public static string OneLine(Exception ex) =>
        $"{ex.GetType().Name}: {ex.Message}".ReplaceLineEndings(" ");
}

using System.Diagnostics;
using System.Globalization;
using Parley.LoadTest.Measuring;
using Parley.LoadTest.Reporting;
using Parley.LoadTest.Results;
using Parley.LoadTest.Serving;
using Parley.LoadTest.Systems;

namespace Parley.LoadTest.Running;

/// <summary>
/// <c>run</c>: every cell of every chosen system, repeated; systems alternate within each repetition (A, B, A, B …),
/// so a change in the machine's load over the run spreads across all of them. Each system of each repetition gets a
/// fresh server process. Writes the results and, unless told not to, the report.
/// </summary>
internal static class RunCommand
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (!RunOptions.TryParse(args, out var options, out var error))
        {
            return Usage.Fail(error!);
        }

        // DOTNET_PROCESSOR_COUNT is read when the runtime starts, so the load process applies --cpus to itself by
        // running again with it set; the server processes inherit it from there.
        if (options.Cpus is { } cpus &&
            Environment.GetEnvironmentVariable("DOTNET_PROCESSOR_COUNT") != cpus.ToString(CultureInfo.InvariantCulture))
        {
            return await RunAgainWithCpusAsync(args, cpus, cancellationToken);
        }

        if (!RuntimeFacts.ParleyIsOptimized)
        {
            Console.Error.WriteLine("warning: Parley was built without optimizations; run with -c Release for figures worth keeping");
        }

        var plan = CellPlan.Build(options.Workloads);
        var output = options.Output ?? RepositoryPaths.LatestResults;
        var started = DateTimeOffset.UtcNow;
        var loadAtStart = MachineDescription.LoadAverage();
        var stopwatch = Stopwatch.StartNew();
        var aggregates = new Dictionary<(string System, CellSpec Cell), CellAggregate>();
        foreach (var system in options.Systems)
        {
            foreach (var cell in Applicable(system, plan))
            {
                aggregates[(system.Name, cell)] = new CellAggregate(system.Name, cell);
            }
        }

        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        var total = aggregates.Count * options.Repetitions;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Count(options.Systems.Count, "system")}, {Count(plan.Count, "workload cell")}, {Count(options.Repetitions, "repetition")}: {Count(total, "measurement")} of {options.Timing.Warmup.TotalSeconds:0.##} s warm-up + {options.Timing.Measure.TotalSeconds:0.##} s"));

        var warnings = await ProgressView.RunAsync(total, async progress =>
        {
            for (var repetition = 1; repetition <= options.Repetitions; repetition++)
            {
                foreach (var system in options.Systems)
                {
                    var cells = Applicable(system, plan);
                    if (skipped.ContainsKey(system.Name))
                    {
                        progress.Done($"{system.Name}: skipped", cells.Count);
                        continue;
                    }

                    var label = string.Create(CultureInfo.InvariantCulture, $"[{repetition}/{options.Repetitions}] {system.Name}");
                    await MeasureSystemAsync(system, cells, options, label, aggregates, skipped, progress, cancellationToken);
                }
            }

            return progress.Warnings;
        });

        var results = new ResultsFile
        {
            Machine = MachineDescription.Describe(options.Cpus),
            Command = "dotnet run -c Release --project bench/Parley.LoadTest -- " + CommandLine(args),
            StartedUtc = started.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            DurationSeconds = Math.Round(stopwatch.Elapsed.TotalSeconds),
            LoadAverage = loadAtStart is null ? null : $"{loadAtStart} at the start, {MachineDescription.LoadAverage()} at the end",
            Settings = new RunSettings
            {
                Repetitions = options.Repetitions,
                WarmupSeconds = options.Timing.Warmup.TotalSeconds,
                MeasureSeconds = options.Timing.Measure.TotalSeconds,
                Quick = options.Quick,
                Cpus = options.Cpus,
                GcMode = RuntimeFacts.GcMode,
                Systems = options.Systems.Select(system => system.Name).ToList(),
            },
            Skipped = skipped.Select(pair => new SkippedSystem { System = pair.Key, Reason = pair.Value }).ToList(),
            Cells = aggregates.Values.Where(aggregate => aggregate.Runs.Count > 0 || !skipped.ContainsKey(aggregate.System)).Select(aggregate => aggregate.ToResult()).ToList(),
        };

        await ResultsJson.WriteAsync(output, results, cancellationToken);
        Summary.Print(results);
        foreach (var warning in warnings)
        {
            Console.Error.WriteLine("warning: " + warning);
        }

        Console.WriteLine($"results: {RepositoryPaths.Relative(output)} ({stopwatch.Elapsed.TotalMinutes:F1} min)");
        if (options.WriteReport)
        {
            var written = await ReportCommand.WriteAsync(results, cancellationToken);
            Console.WriteLine("report: " + string.Join(", ", written.Select(RepositoryPaths.Relative)));
        }

        return results.Cells.Count > 0 ? 0 : 1;
    }

    private static List<CellSpec> Applicable(IBenchSystem system, IReadOnlyList<CellSpec> plan) =>
        plan.Where(cell => !cell.IsStreaming || system.SupportsStreaming).ToList();

    private static async Task MeasureSystemAsync(
        IBenchSystem system,
        List<CellSpec> cells,
        RunOptions options,
        string label,
        Dictionary<(string System, CellSpec Cell), CellAggregate> aggregates,
        Dictionary<string, string> skipped,
        ProgressView progress,
        CancellationToken cancellationToken)
    {
        progress.Show($"{label}: starting its server process");
        ServerProcess server;
        try
        {
            server = await ServerProcess.StartAsync(system.Name, options.Cpus, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            skipped[system.Name] = ex.Message;
            progress.Done($"{system.Name}: not measured: {ex.Message}", cells.Count);
            return;
        }

        await using (server)
        {
            if (server.GcMode != RuntimeFacts.GcMode)
            {
                throw new InvalidOperationException(
                    $"the server process runs {server.GcMode} GC and the load process {RuntimeFacts.GcMode}: check DOTNET_gc* variables");
            }

            var probe = new CounterProbe(server);
            var remaining = cells.Count;
            try
            {
                progress.Show($"{label}: warming up its server");
                await using (var client = await ConnectAsync(system, server, cancellationToken))
                {
                    // One caller, then many: both the sequential and the batched paths of both processes are
                    // compiled and tiered up before the first measured cell, which is W1.
                    var half = new CellTiming(options.ServerWarmup / 2, TimeSpan.Zero);
                    await ClosedLoopRunner.RunAsync(client, new CellSpec("warm-up", 1, 64), half, probe, cancellationToken);
                    await ClosedLoopRunner.RunAsync(client, new CellSpec("warm-up", 16, 64), half, probe, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                progress.Warn($"{label}: the warm-up failed: {ex.Message}");
            }

            foreach (var cell in cells)
            {
                if (server.HasExited)
                {
                    progress.Warn($"{label}: the server process ended; its remaining cells are not measured");
                    progress.Done($"{label}: server ended", remaining);
                    return;
                }

                var aggregate = aggregates[(system.Name, cell)];
                progress.Show($"{label} {cell.Label}");
                try
                {
                    var measurement = await MeasureCellAsync(system, server, cell, options.Timing, probe, cancellationToken);
                    var run = CellRun.From(cell, measurement);
                    aggregate.Add(run);
                    progress.Done($"{label} {cell.Label}: {Summary.Line(cell, run)}");
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    aggregate.Fail(ex.Message);
                    progress.Warn($"{label} {cell.Label} failed: {ex.Message}");
                    progress.Done($"{label} {cell.Label}: failed");
                }

                remaining--;
            }
        }
    }

    private static async Task<CellMeasurement> MeasureCellAsync(
        IBenchSystem system, ServerProcess server, CellSpec cell, CellTiming timing, CounterProbe probe, CancellationToken cancellationToken)
    {
        // A connection per cell: a cell that overloaded or broke its connection leaves nothing behind for the next.
        await using var client = await ConnectAsync(system, server, cancellationToken);
        if (cell.IsOpenLoop)
        {
            return await OpenLoopRunner.RunAsync(client, cell, timing, probe, cancellationToken);
        }

        return cell.IsStreaming
            ? await StreamingRunner.RunAsync(client, cell, timing, probe, cancellationToken)
            : await ClosedLoopRunner.RunAsync(client, cell, timing, probe, cancellationToken);
    }

    private static async Task<IBenchClient> ConnectAsync(IBenchSystem system, ServerProcess server, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        return await system.ConnectAsync(server.EndPoint, timeout.Token);
    }

    private static async Task<int> RunAgainWithCpusAsync(string[] args, int cpus, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ServerProcess.DotnetHost()) { UseShellExecute = false };
        start.ArgumentList.Add(typeof(RunCommand).Assembly.Location);
        start.ArgumentList.Add("run");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_PROCESSOR_COUNT"] = cpus.ToString(CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_gcConcurrent"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the load process again");
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private static string CommandLine(string[] args) =>
        string.Join(' ', args.Prepend("run").Select(arg => arg.Contains(' ', StringComparison.Ordinal) ? $"\"{arg}\"" : arg));
}

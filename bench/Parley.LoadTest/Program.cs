using Parley.LoadTest;
using Parley.LoadTest.Measuring;
using Parley.LoadTest.Reporting;
using Parley.LoadTest.Running;
using Parley.LoadTest.Serving;
using Parley.LoadTest.Systems;
using Spectre.Console;

// The end-to-end load tool. `run` (the default) is the load process: it starts each system's server as a child
// process of itself (`serve`), drives the workloads over one connection, and writes the results and the report.
if (Console.IsOutputRedirected)
{
    // A log file: no colours or cursor moves, and rows as wide as they need.
    AnsiConsole.Profile.Capabilities.Ansi = false;
    AnsiConsole.Profile.Capabilities.Interactive = false;
    AnsiConsole.Profile.Width = 160;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop the run in order: servers are stopped, nothing is written
    cancel.Cancel();
};

try
{
    return args switch
    {
        [] => await RunCommand.RunAsync([], cancel.Token),
        ["run", .. var rest] => await RunCommand.RunAsync(rest, cancel.Token),
        ["serve", .. var rest] => await ServeCommand.RunAsync(rest),
        ["report", .. var rest] => await ReportCommand.RunAsync(rest, cancel.Token),
        ["list"] => List(),
        ["--help" or "-h" or "help"] => Help(),
        [var first, ..] when first.StartsWith("--", StringComparison.Ordinal) => await RunCommand.RunAsync(args, cancel.Token),
        _ => Usage.Fail($"unknown command '{args[0]}'"),
    };
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("stopped");
    return 130;
}

static int List()
{
    foreach (var system in BenchSystems.All)
    {
        Console.WriteLine($"{system.Name}{(system.SupportsStreaming ? "" : " (no streaming)")}");
    }

    foreach (var cell in CellPlan.Build(null))
    {
        Console.WriteLine(cell.Label);
    }

    return 0;
}

static int Help()
{
    Console.WriteLine(Usage.Text);
    return 0;
}

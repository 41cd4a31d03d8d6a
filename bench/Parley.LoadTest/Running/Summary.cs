using System.Globalization;
using Parley.LoadTest.Measuring;
using Parley.LoadTest.Results;
using Spectre.Console;

namespace Parley.LoadTest.Running;

/// <summary>What a run prints: a line per measured cell while it runs, a table of the medians at the end.</summary>
internal static class Summary
{
    public static string Line(CellSpec cell, CellRun run)
    {
        var rate = cell.IsStreaming
            ? string.Create(CultureInfo.InvariantCulture, $"{run.CallsPerS:N0} msg/s, {run.MbPerS:N1} MB/s")
            : string.Create(CultureInfo.InvariantCulture, $"{run.CallsPerS:N0} calls/s, p50 {run.P50Us:N1} µs, p99 {run.P99Us:N1} µs");
        var dropped = run.Dropped > 0 ? string.Create(CultureInfo.InvariantCulture, $", {run.Dropped:N0} dropped") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{rate}, {run.CpuUsPerCallClient + run.CpuUsPerCallServer:N1} µs CPU/call{dropped}");
    }

    public static void Print(ResultsFile results)
    {

        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in new[] { "system", "cell", "calls/s", "p50 µs", "p99 µs", "CPU µs/call", "alloc B/call c/s", "errors" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        foreach (var cell in results.Cells)
        {
            var spec = new CellSpec(cell.Workload, cell.Callers, cell.PayloadBytes, cell.TargetRate);
            table.AddRow(
                Markup.Escape(cell.System),
                Markup.Escape(spec.Label),
                Number(cell.CallsPerS, "N0"),
                Number(cell.P50Us, "N1"),
                Number(cell.P99Us, "N1"),
                Number(cell.CpuUsPerCall, "N1"),
                $"{Number(cell.AllocBytesPerCallClient, "N0")} / {Number(cell.AllocBytesPerCallServer, "N0")}",
                cell.Error is null ? cell.Errors.ToString(CultureInfo.InvariantCulture) : "[red]failed[/]");
        }

        AnsiConsole.Write(table);
        foreach (var skipped in results.Skipped)
        {
            AnsiConsole.MarkupLine($"[yellow]not measured:[/] {Markup.Escape(skipped.System)}: {Markup.Escape(skipped.Reason)}");
        }
    }

    private static string Number(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}

using Spectre.Console;

namespace Parley.LoadTest.Running;

/// <summary>
/// Shows how far a run is: a Spectre.Console progress bar on a terminal, one line per cell when the output is
/// redirected (a log file, CI), so a long run can be followed either way.
/// </summary>
internal sealed class ProgressView
{
    private readonly ProgressTask? _task;
    private readonly int _total;
    private int _done;

    private ProgressView(ProgressTask? task, int total)
    {
        _task = task;
        _total = total;
    }

    public static async Task<T> RunAsync<T>(int total, Func<ProgressView, Task<T>> run)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await run(new ProgressView(null, total));
        }

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: total);
                return await run(new ProgressView(task, total));
            });
    }

    /// <summary>Says what is being measured now.</summary>
    public void Show(string what)
    {
        if (_task is not null)
        {
            _task.Description = Markup.Escape(what);
        }
    }

    /// <summary>Counts <paramref name="cells"/> as done, with one line about the last of them.</summary>
    public void Done(string line, int cells = 1)
    {
        _done += cells;
        if (_task is not null)
        {
            _task.Increment(cells);
            _task.Description = Markup.Escape(line);
        }
        else
        {
            Console.WriteLine($"[{_done}/{_total}] {line}");
        }
    }

    /// <summary>Problems seen so far, to repeat once the bar is gone.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>A problem the reader should see: printed at once without a bar, and kept for the end of the run.</summary>
    public void Warn(string message)
    {
        Warnings.Add(message);
        if (_task is null)
        {
            Console.Error.WriteLine("warning: " + message);
        }
    }
}

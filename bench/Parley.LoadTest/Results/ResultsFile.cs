namespace Parley.LoadTest.Results;

/// <summary>The contents of <c>bench/results/latest.json</c>: one run, every cell's median over its repetitions.</summary>
internal sealed class ResultsFile
{
    /// <summary>CPU model, cores, memory, OS, .NET version and GC mode of the machine that ran it.</summary>
    public string Machine { get; set; } = "";

    /// <summary>The command that reproduces the run.</summary>
    public string Command { get; set; } = "";

    public string StartedUtc { get; set; } = "";

    public double DurationSeconds { get; set; }

    /// <summary>
    /// The machine's 1-minute load average when the run started and when it ended (Linux), so a reader can see
    /// whether something else was using the cores while it ran.
    /// </summary>
    public string? LoadAverage { get; set; }

    public RunSettings Settings { get; set; } = new();

    /// <summary>Systems that were asked for but could not be measured, and why.</summary>
    public List<SkippedSystem> Skipped { get; set; } = [];

    public List<CellResult> Cells { get; set; } = [];
}

/// <summary>How the run was made.</summary>
internal sealed class RunSettings
{
    public int Repetitions { get; set; }

    public double WarmupSeconds { get; set; }

    public double MeasureSeconds { get; set; }

    public bool Quick { get; set; }

    /// <summary>DOTNET_PROCESSOR_COUNT given to both processes, or null when the runtime saw every core.</summary>
    public int? Cpus { get; set; }

    public string GcMode { get; set; } = "";

    public List<string> Systems { get; set; } = [];
}

/// <summary>A system that a run could not measure.</summary>
internal sealed class SkippedSystem
{
    public string System { get; set; } = "";

    public string Reason { get; set; } = "";
}

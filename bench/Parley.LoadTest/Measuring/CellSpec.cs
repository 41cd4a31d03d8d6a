using System.Globalization;

namespace Parley.LoadTest.Measuring;

/// <summary>One cell of a run, less the system: a workload with its callers, payload and, for W5, its arrival rate.</summary>
/// <param name="Workload"><c>W1</c> to <c>W5</c> (see <see cref="CellPlan"/>).</param>
/// <param name="Callers">Concurrent callers on the one connection; 0 for the open loop of W5, which has none.</param>
/// <param name="PayloadBytes">Bytes of text in each request and response, or in each streamed message.</param>
/// <param name="TargetRate">W5 only: calls started per second, on schedule whatever the responses do.</param>
internal sealed record CellSpec(string Workload, int Callers, int PayloadBytes, int? TargetRate = null)
{
    public bool IsStreaming => Workload == "W4";

    public bool IsOpenLoop => TargetRate is not null;

    public string Label => TargetRate is { } rate
        ? string.Create(CultureInfo.InvariantCulture, $"{Workload} {rate / 1000}k/s {PayloadBytes} B")
        : IsStreaming
            ? string.Create(CultureInfo.InvariantCulture, $"{Workload} stream {PayloadBytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{Workload} {Callers} caller{(Callers == 1 ? "" : "s")} {PayloadBytes} B");
}

using System.Globalization;
using Parley.LoadTest.Results;

namespace Parley.LoadTest.Reporting;

/// <summary>The performance targets, each judged against a run: met, not met, or not measured, with the figure.</summary>
internal static class Targets
{
    public sealed record Verdict(string Target, string System, string Measured, string Status);

    public static List<Verdict> Judge(ResultIndex index, MicroResults.Figure? serialize, MicroResults.Figure? parse)
    {
        var verdicts = new List<Verdict>();
        var parleys = index.ParleySystems.Count > 0 ? index.ParleySystems : ["parley-tcp-json", "parley-tcp-msgpack"];
        foreach (var system in parleys)
        {
            var w1 = index.Find(system, "W1", 1, 64);
            var raw = index.Find(ResultIndex.RawSocket, "W1", 1, 64);
            var w2 = index.Find(system, "W2", 64, 64);
            var http2 = index.Find(ResultIndex.Http2, "W2", 64, 64);
            var http1 = index.Find(ResultIndex.Http1Json, "W2", 64, 64);
            var w4 = index.Find(system, "W4", 1, 64);

            verdicts.Add(AtMost("W1 p50 ≤ 35 µs", system, w1?.P50Us, 35, "µs"));
            verdicts.Add(Ratio("W1 p50 within 1.5× of raw-socket", system, w1?.P50Us, raw?.P50Us, ResultIndex.RawSocket, 1.5, atMost: true));
            verdicts.Add(Throughput("W2(64) ≥ 150,000 calls/s (stretch 300,000)", system, w2?.CallsPerS));
            verdicts.Add(Ratio("W2(64) ≥ 3× http2", system, w2?.CallsPerS, http2?.CallsPerS, ResultIndex.Http2, 3, atMost: false));
            verdicts.Add(Ratio("W2(64) ≥ 5× http1-json", system, w2?.CallsPerS, http1?.CallsPerS, ResultIndex.Http1Json, 5, atMost: false));
            verdicts.Add(AtMost("W2(64) p99 ≤ 1.5 ms", system, w2?.P99Us, 1500, "µs"));
            verdicts.Add(AtMost("CPU per call, both processes, W2(64) ≤ 12 µs", system, w2?.CpuUsPerCall, 12, "µs"));
            verdicts.Add(AtMost("allocation per call, client, W2(64) ≤ 256 B", system, w2?.AllocBytesPerCallClient, 256, "B"));
            verdicts.Add(AtMost("allocation per call, server, W2(64) ≤ 256 B", system, w2?.AllocBytesPerCallServer, 256, "B"));
            verdicts.Add(AtLeast("W4 ≥ 1,500,000 msg/s of 64 B", system, w4?.MessagesPerS, 1_500_000, "msg/s"));
        }

        verdicts.Add(Micro("MessagePack 1 KB serialize < 2 µs", serialize, 2));
        verdicts.Add(Micro("MessagePack 1 KB parse < 3 µs", parse, 3));
        return verdicts;
    }

    private static Verdict AtMost(string target, string system, double? value, double limit, string unit) => value is { } v
        ? new(target, system, F($"{v:#,0.#} {unit}"), v <= limit ? "met" : "not met")
        : NotMeasured(target, system);

    private static Verdict AtLeast(string target, string system, double? value, double limit, string unit) => value is { } v
        ? new(target, system, F($"{v:#,0} {unit}"), v >= limit ? "met" : "not met")
        : NotMeasured(target, system);

    private static Verdict Throughput(string target, string system, double? value)
    {
        if (value is not { } v)
        {
            return NotMeasured(target, system);
        }

        var status = v >= 300_000 ? "met (stretch too)" : v >= 150_000 ? "met" : "not met";
        return new(target, system, F($"{v:#,0} calls/s"), status);
    }

    private static Verdict Ratio(string target, string system, double? value, double? peer, string peerName, double limit, bool atMost)
    {
        if (value is not { } v)
        {
            return NotMeasured(target, system);
        }

        if (peer is not { } p || p <= 0)
        {
            return new(target, system, $"{peerName} not in this run", "not measured");
        }

        var ratio = v / p;
        var met = atMost ? ratio <= limit : ratio >= limit;
        return new(target, system, F($"{ratio:0.00}× ({v:#,0.#} vs {p:#,0.#})"), met ? "met" : "not met");
    }

    private static Verdict Micro(string target, MicroResults.Figure? figure, double limit) => figure is { } f
        ? new(target, "micro benchmark", F($"{f.Microseconds:0.###} µs ({f.Source})"), f.Microseconds < limit ? "met" : "not met")
        : new(target, "micro benchmark", "no result in bench/results/micro/", "not measured");

    private static Verdict NotMeasured(string target, string system) => new(target, system, "–", "not measured");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Runtime.CompilerServices;
using Parley.Protobuf.Tests.Protos;

namespace Parley.Protobuf.Tests.TestSupport;

public sealed class Telemetry : ITelemetry
{
    /// <summary>The detail of the status a failing <see cref="WatchAsync"/> ends with.</summary>
    public static string FailureDetail(WatchRequest request) => $"{request.Sensor} failed after {request.Count} readings";

    /// <summary>
    /// What <see cref="CalibrateAsync"/> answers: value doubled, sensor upper-cased, the rest as sent. An empty reading
    /// stays empty, so empty messages travel both ways.
    /// </summary>
    public static Reading Calibrated(Reading reading)
    {
        var calibrated = reading.Clone();
        calibrated.Value *= 2;
        calibrated.Sensor = reading.Sensor.ToUpperInvariant();
        return calibrated;
    }

    public async IAsyncEnumerable<Reading> WatchAsync(WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var sequence = 1; sequence <= request.Count; sequence++)
        {
            yield return new Reading { Sequence = sequence, Sensor = request.Sensor, Value = sequence * 10L };
        }

        await Task.CompletedTask;
        if (request.EndWithNull)
        {
            yield return null!;
        }

        if (request.FailWith != 0)
        {
            throw new RpcException((StatusCode)request.FailWith, FailureDetail(request));
        }
    }

    public async Task<Summary> SummarizeAsync(IAsyncEnumerable<Reading> readings, CancellationToken cancellationToken)
    {
        var summary = new Summary();
        await foreach (var reading in readings.WithCancellation(cancellationToken))
        {
            summary.Count++;
            summary.Total += reading.Value;
            summary.SampleBytes += reading.Samples.Length;
            summary.LastSequence = reading.Sequence;
            if (!summary.Sensors.Contains(reading.Sensor))
            {
                summary.Sensors.Add(reading.Sensor);
            }
        }

        return summary;
    }

    public async IAsyncEnumerable<Reading> CalibrateAsync(
        IAsyncEnumerable<Reading> readings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var reading in readings.WithCancellation(cancellationToken))
        {
            yield return Calibrated(reading);
        }
    }

    public async IAsyncEnumerable<Reading> FilterAsync(
        WatchRequest filter, IAsyncEnumerable<Reading> readings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var reading in readings.WithCancellation(cancellationToken))
        {
            if (reading.Sensor == filter.Sensor)
            {
                yield return reading;
            }
        }
    }
}

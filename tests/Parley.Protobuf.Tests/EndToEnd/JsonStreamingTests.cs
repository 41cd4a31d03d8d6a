using Parley.Client;
using Parley.Protobuf.Tests.Protos;
using Parley.Protobuf.Tests.TestSupport;

namespace Parley.Protobuf.Tests.EndToEnd;

/// <summary>The streaming protobuf contract called in JSON (the proto3 mapping, <see cref="ProtobufJson.Codec"/>).</summary>
public sealed class JsonStreamingTests() : TelemetryClientTests(new CallOptions { Codec = ProtobufJson.Codec })
{
    [Fact]
    public async Task Watch_ProtobufJsonCaller_GetsEveryReadingInOrder()
    {
        // Arrange
        var request = new WatchRequest { Sensor = "north", Count = 2_000 };

        // Act
        var readings = await Proxy.WatchAsync(request).ToListAsync().DefaultTimeout();

        // Assert
        Assert.Equal(Enumerable.Range(1, 2_000), readings.Select(reading => reading.Sequence));
        Assert.All(readings, reading => Assert.Equal(reading.Sequence * 10L, reading.Value));
        Assert.Equal(["Telemetry.Watch json"], Server.Calls);
    }

    [Fact]
    public async Task Summarize_ProtobufJsonCaller_ServerReadsEveryField()
    {
        // Arrange: samples (bytes) travel as base64 and values (int64) as strings; plain JSON would lose both.
        var readings = Enumerable.Range(1, 100).Select(sequence => Readings.Create(sequence, sampleBytes: 10)).ToArray();

        // Act
        var summary = await Proxy.SummarizeAsync(readings.ToAsyncEnumerable()).DefaultTimeout();

        // Assert
        Assert.Equal(new Summary
        {
            Count = 100,
            Total = readings.Sum(reading => reading.Value),
            SampleBytes = 1_000,
            Sensors = { "south", "north" },
            LastSequence = 100,
        }, summary);
        Assert.Equal(["Telemetry.Summarize json"], Server.Calls);
    }

    [Fact]
    public async Task Calibrate_ProtobufJsonCaller_GetsEachReadingTransformedFieldForField()
    {
        // Arrange: one reading big enough (as base64 text) to be chunked both ways.
        Reading[] readings = [.. Readings.Range(50), Readings.Create(51, sampleBytes: 1024 * 1024)];

        // Act
        var calibrated = await Proxy.CalibrateAsync(readings.ToAsyncEnumerable()).ToListAsync().DefaultTimeout();

        // Assert
        Assert.Equal(readings.Select(Telemetry.Calibrated), calibrated);
        Assert.Equal(["Telemetry.Calibrate json"], Server.Calls);
    }

    [Fact]
    public async Task Watch_HandlerFailsMidStream_ProtobufJsonCallerGetsTheReadingsThenTheStatus()
    {
        // Arrange
        var request = new WatchRequest { Sensor = "south", Count = 4, FailWith = (int)StatusCode.Aborted };
        var received = new List<Reading>();

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var reading in Proxy.WatchAsync(request))
            {
                received.Add(reading);
            }
        }).DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal(Telemetry.FailureDetail(request), error.Detail);
        Assert.Equal([1, 2, 3, 4], received.Select(reading => reading.Sequence));
    }

    [Fact]
    public async Task Watch_UntypedJsonCaller_GetsEachReadingInTheProto3Mapping()
    {
        // Arrange: what a caller without the generated classes sends and sees.
        var request = new Dictionary<string, object?> { ["sensor"] = "north", ["count"] = 2 };

        // Act
        var readings = await Client.ServerStreamAsync<object>("Telemetry", "Watch", [request]).ToListAsync().DefaultTimeout();

        // Assert: camelCase names, int64 as a string, default values left out.
        Assert.Collection(
            readings,
            first => Assert.Equal(
                new Dictionary<string, object?> { ["sequence"] = 1L, ["sensor"] = "north", ["value"] = "10" },
                Assert.IsType<Dictionary<string, object?>>(first)),
            second => Assert.Equal(
                new Dictionary<string, object?> { ["sequence"] = 2L, ["sensor"] = "north", ["value"] = "20" },
                Assert.IsType<Dictionary<string, object?>>(second)));
    }
}

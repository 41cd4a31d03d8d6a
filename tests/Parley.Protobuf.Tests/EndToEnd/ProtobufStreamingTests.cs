using Parley.Client;
using Parley.Protobuf.Tests.Protos;
using Parley.Protobuf.Tests.TestSupport;

namespace Parley.Protobuf.Tests.EndToEnd;

/// <summary>Streaming calls in the protobuf codec, through the generated proxy, to a real server over TCP.</summary>
public sealed class ProtobufStreamingTests() : TelemetryClientTests(new CallOptions { Codec = ProtobufRpcCodec.Default })
{
    [Fact]
    public async Task Watch_TenThousandReadings_ArriveCompleteAndInOrder()
    {
        // Arrange: far more than one stream window, so the server waits for credit many times.
        var request = new WatchRequest { Sensor = "north", Count = 10_000 };

        // Act
        var readings = await Proxy.WatchAsync(request).ToListAsync().DefaultTimeout();

        // Assert
        Assert.Equal(Enumerable.Range(1, 10_000), readings.Select(reading => reading.Sequence));
        Assert.All(readings, reading => Assert.Equal(new Reading
        {
            Sequence = reading.Sequence, Sensor = "north", Value = reading.Sequence * 10L,
        }, reading));
        Assert.Equal(["Telemetry.Watch protobuf"], Server.Calls);
    }

    [Fact]
    public async Task Summarize_ThousandReadings_ServerAggregatesEveryOne()
    {
        // Arrange
        var readings = Readings.Range(1_000);

        // Act
        var summary = await Proxy.SummarizeAsync(readings.ToAsyncEnumerable()).DefaultTimeout();

        // Assert
        Assert.Equal(new Summary
        {
            Count = 1_000,
            Total = readings.Sum(reading => reading.Value),
            Sensors = { "south", "north" },
            LastSequence = 1_000,
        }, summary);
        Assert.Equal(["Telemetry.Summarize protobuf"], Server.Calls);
    }

    [Fact]
    public async Task Summarize_EmptyStream_AnswersTheEmptySummary()
    {
        // Arrange: no argument, no item, and an empty message back: three empty payloads.
        var none = Array.Empty<Reading>().ToAsyncEnumerable();

        // Act
        var summary = await Proxy.SummarizeAsync(none).DefaultTimeout();

        // Assert
        Assert.Equal(new Summary(), summary);
    }

    [Fact]
    public async Task Calibrate_EachReading_ComesBackTransformedFieldForField()
    {
        // Arrange
        var readings = Readings.Range(500);

        // Act
        var calibrated = await Proxy.CalibrateAsync(readings.ToAsyncEnumerable()).ToListAsync().DefaultTimeout();

        // Assert
        Assert.Equal(readings.Select(Telemetry.Calibrated), calibrated);
        Assert.Equal(("SOUTH", 1_986L), (calibrated[0].Sensor, calibrated[0].Value));
        Assert.Equal(["Telemetry.Calibrate protobuf"], Server.Calls);
    }

    [Fact]
    public async Task Calibrate_EmptyReadings_TravelAsEmptyMessagesBothWays()
    {
        // Arrange: an empty message is an empty payload, so these stream messages carry no bytes at all.
        Reading[] readings = [new Reading(), Readings.Create(1), new Reading()];

        // Act
        var calibrated = await Proxy.CalibrateAsync(readings.ToAsyncEnumerable()).ToListAsync().DefaultTimeout();
        var summary = await Proxy.SummarizeAsync(readings.ToAsyncEnumerable()).DefaultTimeout();

        // Assert
        Assert.Equal([new Reading(), Telemetry.Calibrated(readings[1]), new Reading()], calibrated);
        Assert.Equal(3, summary.Count);
    }

    [Fact]
    public async Task Filter_MessageArgumentBesideTheRequestStream_ReachesTheHandler()
    {
        // Arrange
        var readings = Readings.Range(10);

        // Act
        var north = await Proxy.FilterAsync(new WatchRequest { Sensor = "north" }, readings.ToAsyncEnumerable())
            .ToListAsync().DefaultTimeout();

        // Assert
        Assert.Equal([2, 4, 6, 8, 10], north.Select(reading => reading.Sequence));
    }

    [Fact]
    public async Task Filter_EmptyMessageArgument_IsDecodedAsTheEmptyMessage()
    {
        // Arrange: the argument's payload is empty, as for a call with no argument, yet the handler gets a message.
        Reading[] readings = [Readings.Create(1), new Reading { Sequence = 2 }];

        // Act
        var unnamed = await Proxy.FilterAsync(new WatchRequest(), readings.ToAsyncEnumerable()).ToListAsync().DefaultTimeout();

        // Assert
        Assert.Equal([new Reading { Sequence = 2 }], unnamed);
    }

    [Theory]
    [InlineData(16 * 1024 + 1)]
    [InlineData(100_000)]
    [InlineData(1024 * 1024)]
    public async Task Calibrate_ReadingLargerThanAChunk_RoundTripsIntact(int sampleBytes)
    {
        // Arrange: a large reading between small ones, so a chunked message must not be mixed up with its neighbours.
        Reading[] readings = [Readings.Create(1), Readings.Create(2, sampleBytes), Readings.Create(3)];

        // Act
        var calibrated = await Proxy.CalibrateAsync(readings.ToAsyncEnumerable()).ToListAsync().DefaultTimeout();

        // Assert
        Assert.Equal(readings.Select(Telemetry.Calibrated), calibrated);
        Assert.Equal(sampleBytes, calibrated[1].Samples.Length);
    }

    [Fact]
    public async Task Summarize_SeveralOneMebibyteReadings_AreAllCounted()
    {
        // Arrange: together they exceed the stream window several times over.
        var readings = Enumerable.Range(1, 5).Select(sequence => Readings.Create(sequence, 1024 * 1024)).ToArray();

        // Act
        var summary = await Proxy.SummarizeAsync(readings.ToAsyncEnumerable()).DefaultTimeout();

        // Assert
        Assert.Equal(5, summary.Count);
        Assert.Equal(5L * 1024 * 1024, summary.SampleBytes);
    }

    [Fact]
    public async Task Summarize_ReadingOverThePayloadLimit_FailsWithResourceExhaustedAndTheClientCarriesOn()
    {
        // Arrange: chunking does not lift the 4 MiB limit on one message.
        Reading[] readings = [Readings.Create(1), Readings.Create(2, sampleBytes: 5 * 1024 * 1024)];

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => Proxy.SummarizeAsync(readings.ToAsyncEnumerable())).DefaultTimeout();
        var after = await Proxy.SummarizeAsync(readings.Take(1).ToAsyncEnumerable()).DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("a stream message of Telemetry.Summarize is", error.Detail, StringComparison.Ordinal);
        Assert.Equal(1, after.Count);
    }

    [Theory]
    [InlineData(StatusCode.NotFound, 0)]
    [InlineData(StatusCode.PermissionDenied, 3)]
    [InlineData(StatusCode.DataLoss, 5_000)]
    public async Task Watch_HandlerFailsMidStream_ConsumerGetsTheReadingsSentThenTheStatus(StatusCode status, int count)
    {
        // Arrange
        var request = new WatchRequest { Sensor = "south", Count = count, FailWith = (int)status };
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
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(Telemetry.FailureDetail(request), error.Detail);
        Assert.Equal(Enumerable.Range(1, count), received.Select(reading => reading.Sequence));
    }

    [Fact]
    public void GetService_ContractStreamingPlainValues_FailsAtProxyCreationNamingTheMethod()
    {
        // Act
        var error = Assert.Throws<InvalidOperationException>(() => Client.GetService<IRawTelemetry>(CallOptions));

        // Assert
        Assert.StartsWith("The protobuf codec cannot carry RawTelemetry.Values: the response stream's item type (Int64) is not a protobuf message",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_ProtobufCallToAStreamOfPlainValues_FailsWithUnimplementedWhileJsonWorks()
    {
        // Arrange: an untyped call skips the proxy's check, so the server is the one to refuse.
        var request = new WatchRequest { Count = 3 };
        var inJson = Client.GetService<IRawTelemetry>(new CallOptions { Codec = ProtobufJson.Codec });

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            async () => await Client.ServerStreamAsync<long>("RawTelemetry", "Values", [request], CallOptions).ToListAsync()).DefaultTimeout();
        var values = await inJson.ValuesAsync(request).ToListAsync().DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.StartsWith("RawTelemetry.Values cannot be called with protobuf: the response stream's item type (Int64) is not a protobuf message",
            error.Detail, StringComparison.Ordinal);
        Assert.Equal([10L, 20L, 30L], values);
    }

    [Fact]
    public async Task Watch_HandlerYieldsNull_ConsumerGetsTheReadingsBeforeThenInternal()
    {
        // Arrange
        var request = new WatchRequest { Sensor = "north", Count = 2, EndWithNull = true };
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
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.StartsWith(
            "could not encode a stream message of Telemetry.Watch as Reading with protobuf: a protobuf message cannot be null",
            error.Detail, StringComparison.Ordinal);
        Assert.Equal([1, 2], received.Select(reading => reading.Sequence));
    }

    [Fact]
    public async Task Summarize_MalformedStreamMessage_FailsWithInvalidArgument()
    {
        // Arrange: a valid reading, then field 2 (string) announcing 10 bytes of which only 1 follows.
        var raw = new CallOptions { Codec = new RawBytesCodec() };
        byte[][] items = [[0x08, 0x01], [0x12, 0x0A, 0x41]];

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => Client.ClientStreamAsync<byte[], byte[]>("Telemetry", "Summarize", items.ToAsyncEnumerable(), options: raw)).DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("could not decode a request stream message of Telemetry.Summarize as Reading with protobuf:",
            error.Detail, StringComparison.Ordinal);
    }
}

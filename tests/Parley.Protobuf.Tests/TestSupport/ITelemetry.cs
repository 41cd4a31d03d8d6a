using Parley;
using Parley.Protobuf.Tests.Protos;

namespace Parley.Protobuf.Tests.TestSupport;

/// <summary>The gRPC-shaped streaming methods: messages in and out, one message per stream item.</summary>
[RpcService]
public interface ITelemetry
{
    /// <summary>
    /// Server streaming: <c>request.Count</c> readings of <c>request.Sensor</c>, sequence 1 to Count and value ten times
    /// the sequence; then null when <c>request.EndWithNull</c> is set, and a failure with <c>request.FailWith</c> when
    /// that is set.
    /// </summary>
    IAsyncEnumerable<Reading> WatchAsync(WatchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Client streaming: counts and totals the readings (see <see cref="Summary"/>).</summary>
    Task<Summary> SummarizeAsync(IAsyncEnumerable<Reading> readings, CancellationToken cancellationToken = default);

    /// <summary>Bidirectional: each reading comes back calibrated (see <see cref="Telemetry.Calibrated"/>).</summary>
    IAsyncEnumerable<Reading> CalibrateAsync(IAsyncEnumerable<Reading> readings, CancellationToken cancellationToken = default);

    /// <summary>Bidirectional with a message argument beside the stream: the readings of <c>filter.Sensor</c>, as sent.</summary>
    IAsyncEnumerable<Reading> FilterAsync(WatchRequest filter, IAsyncEnumerable<Reading> readings, CancellationToken cancellationToken = default);
}

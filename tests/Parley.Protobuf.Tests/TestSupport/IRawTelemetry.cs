using Parley;
using Parley.Protobuf.Tests.Protos;

namespace Parley.Protobuf.Tests.TestSupport;

/// <summary>A streaming contract the protobuf codec cannot carry: its streams hold plain .NET values.</summary>
[RpcService]
public interface IRawTelemetry
{
    IAsyncEnumerable<long> ValuesAsync(WatchRequest request, CancellationToken cancellationToken = default);

    Task<Summary> SumAsync(IAsyncEnumerable<long> values, CancellationToken cancellationToken = default);
}

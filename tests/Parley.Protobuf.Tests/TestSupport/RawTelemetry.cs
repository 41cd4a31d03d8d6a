using System.Runtime.CompilerServices;
using Parley.Protobuf.Tests.Protos;

namespace Parley.Protobuf.Tests.TestSupport;

public sealed class RawTelemetry : IRawTelemetry
{
    public async IAsyncEnumerable<long> ValuesAsync(WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var sequence = 1; sequence <= request.Count; sequence++)
        {
            yield return sequence * 10L;
        }

        await Task.CompletedTask;
    }

    public async Task<Summary> SumAsync(IAsyncEnumerable<long> values, CancellationToken cancellationToken)
    {
        var summary = new Summary();
        await foreach (var value in values.WithCancellation(cancellationToken))
        {
            summary.Count++;
            summary.Total += value;
        }

        return summary;
    }
}

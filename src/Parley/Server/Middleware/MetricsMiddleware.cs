using System.Diagnostics.Metrics;
using Parley.Diagnostics;

namespace Parley.Server.Middleware;

/// <summary>
/// Records every call on the server's meter (<see cref="RpcServer.Meter"/>): <c>rpc.server.call.duration</c> (a
/// histogram in seconds) and <c>parley.server.calls</c> (a counter), both tagged with <c>rpc.service</c>,
/// <c>rpc.method</c> and <c>rpc.parley.status_code</c> (the status name), so errors can be counted by status. Calls in
/// flight are the server's <c>rpc.server.active_calls</c> gauge.
/// </summary>
public static class MetricsMiddleware
{
    /// <summary>Adds the call instruments to the server's meter.</summary>
    public static RpcServerBuilder UseMetrics(this RpcServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseBuiltIn((next, runtime) =>
        {
            var duration = runtime.Meter.CreateHistogram<double>(
                "rpc.server.call.duration", "s", "Duration of calls, from the start of the pipeline to its end.",
                advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
            var calls = runtime.Meter.CreateCounter<long>("parley.server.calls", "{call}", "Calls served, by status.");
            var time = runtime.Options.TimeProvider;
            return async context =>
            {
                var started = time.GetTimestamp();
                var status = StatusCode.Ok;
                try
                {
                    await next(context);
                }
                catch (Exception ex)
                {
                    status = ServerCallStatus.Of(ex, context, time);
                    throw;
                }
                finally
                {
                    var tags = CallTags.Create(context.Service, context.Method, status);
                    duration.Record(time.GetElapsedTime(started).TotalSeconds, tags);
                    calls.Add(1, tags);
                }
            };
        });
    }

    // Fine at the low end, where an RPC on one machine or one data centre lives (50 µs .. 10 s).
    private static readonly double[] DurationBuckets =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
}

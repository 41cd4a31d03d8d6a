using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using Parley.LoadTest.Systems;

namespace Parley.LoadTest.PeerCheck;

/// <summary>The checks run against one system: echoes from one and from many callers, large payloads, streams.</summary>
internal static class SystemCheck
{
    private const int SmallPayload = 64;
    private const int LargePayload = 64 * 1024;

    private static readonly string Letters = string.Create(LargePayload + 26, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)('a' + (i % 26));
        }
    });

    public static async Task RunAsync(IBenchSystem system, CancellationToken cancellationToken)
    {
        await using var server = await system.StartServerAsync(cancellationToken);
        await using var client = await system.ConnectAsync(server.EndPoint, cancellationToken);
        var echo = EchoTextOf(client);

        Report(system, "echo, 1 caller x 1,000 x 64 B", await EchoAsync(echo, 1, 1_000, SmallPayload, cancellationToken), "calls/s");
        Report(system, "echo, 64 callers x 20,000 x 64 B", await EchoAsync(echo, 64, 20_000, SmallPayload, cancellationToken), "calls/s");
        CheckOneConnection(server.EndPoint);
        Report(system, "echo, 16 callers x 100 x 64 KiB", await EchoAsync(echo, 16, 100, LargePayload, cancellationToken), "calls/s");
        Report(system, "seam EchoAsync, 1 caller x 1,000 x 64 B", await SeamEchoAsync(client, 1_000, cancellationToken), "calls/s");
        if (!system.SupportsStreaming)
        {
            Report(system, "stream: not supported", double.NaN, "");
            return;
        }

        Report(system, "stream, 1 x 10,000 x 64 B", await StreamAsync(client, 1, 10_000, cancellationToken), "msgs/s");

        // Streams and echoes interleaved on the one connection: replies must still find their callers.
        var streams = StreamAsync(client, 4, 2_500, cancellationToken);
        var echoes = EchoAsync(echo, 8, 500, SmallPayload, cancellationToken);
        await Task.WhenAll(streams, echoes);
        Report(system, "stream 4 x 2,500 x 64 B beside echo 8 x 500", await streams, "msgs/s");

        // The load tool cancels whatever is running when a run ends; the connection must stay usable after that.
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            stop.CancelAfter(TimeSpan.FromMilliseconds(50));
            try
            {
                var received = await client.StreamAsync(1_000_000, SmallPayload, stop.Token);
                throw new InvalidOperationException($"A stream of 1,000,000 messages was not cancelled; it delivered {received}.");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        Report(system, "echo after a cancelled stream, 1 x 100", await EchoAsync(echo, 1, 100, SmallPayload, cancellationToken), "calls/s");
    }

    /// <summary>When the server goes away, calls on the client fail rather than wait forever.</summary>
    public static async Task RunServerStopAsync(IBenchSystem system, CancellationToken cancellationToken)
    {
        var server = await system.StartServerAsync(cancellationToken);
        await using var client = await system.ConnectAsync(server.EndPoint, cancellationToken);
        await server.DisposeAsync();
        try
        {
            await client.EchoAsync("after the server stopped", cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            Console.WriteLine($"{system.Name,-11} an echo after the server stopped fails: {e.GetType().Name}");
            return;
        }

        throw new InvalidOperationException("An echo succeeded after the server stopped.");
    }

    /// <summary>The concrete clients also return the echoed text, so that the check can compare it, not only its length.</summary>
    private static Func<string, CancellationToken, ValueTask<string>> EchoTextOf(IBenchClient client) => client switch
    {
        RawSocketSystem.RawSocketClient raw => raw.EchoTextAsync,
        Http1JsonSystem.Http1JsonClient http1 => http1.EchoTextAsync,
        Http2System.Http2Client http2 => http2.EchoTextAsync,
        _ => throw new InvalidOperationException($"No echo-text check for {client.GetType().Name}."),
    };

    private static async Task<double> EchoAsync(
        Func<string, CancellationToken, ValueTask<string>> echo, int callers, int calls, int payloadChars, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var runs = new Task[callers];
        for (var caller = 0; caller < callers; caller++)
        {
            var callerIndex = caller;
            runs[caller] = Task.Run(
                async () =>
                {
                    for (var call = 0; call < calls; call++)
                    {
                        var text = UniqueText(callerIndex, call, payloadChars);
                        var echoed = await echo(text, cancellationToken);
                        if (!string.Equals(echoed, text, StringComparison.Ordinal))
                        {
                            throw new InvalidOperationException(
                                $"Caller {callerIndex}, call {call}: sent {Head(text)}, got back {Head(echoed)} ({echoed.Length} chars).");
                        }
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(runs);
        return callers * (double)calls / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Every system promises one connection per client, whatever the number of callers: count them.</summary>
    private static void CheckOneConnection(IPEndPoint server)
    {
        // HttpClient connects with a dual-mode IPv6 socket, so its side of the connection reads ::ffff:127.0.0.1.
        var connections = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections()
            .Count(c => c.State == TcpState.Established
                && c.RemoteEndPoint.Port == server.Port
                && (c.RemoteEndPoint.Address.IsIPv4MappedToIPv6 ? c.RemoteEndPoint.Address.MapToIPv4() : c.RemoteEndPoint.Address).Equals(server.Address));
        if (connections != 1)
        {
            throw new InvalidOperationException($"The client holds {connections} connections to {server}, not one.");
        }
    }

    private static async Task<double> SeamEchoAsync(IBenchClient client, int calls, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var call = 0; call < calls; call++)
        {
            var length = await client.EchoAsync(UniqueText(0, call, SmallPayload), cancellationToken);
            if (length != SmallPayload)
            {
                throw new InvalidOperationException($"Call {call}: EchoAsync returned {length}, expected {SmallPayload}.");
            }
        }

        return calls / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<double> StreamAsync(IBenchClient client, int streams, int count, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var runs = new Task<long>[streams];
        for (var stream = 0; stream < streams; stream++)
        {
            runs[stream] = client.StreamAsync(count, SmallPayload, cancellationToken).AsTask();
        }

        foreach (var received in await Task.WhenAll(runs))
        {
            if (received != count)
            {
                throw new InvalidOperationException($"A stream of {count} messages delivered {received}.");
            }
        }

        return streams * (double)count / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>A text no other call sends: the caller and call numbers, then letters, <paramref name="length"/> chars in all.</summary>
    /// <remarks>The letters are copied from <see cref="Letters"/>, so that making the text costs the check little next to the call.</remarks>
    private static string UniqueText(int caller, int call, int length) =>
        string.Create(length, (caller, call), static (span, state) =>
        {
            Letters.AsSpan((state.caller + state.call) % 26, span.Length).CopyTo(span);
            _ = span.TryWrite(CultureInfo.InvariantCulture, $"{state.caller}:{state.call}:", out _);
        });

    private static string Head(string text) => text.Length <= 24 ? text : string.Concat(text.AsSpan(0, 24), "...");

    private static void Report(IBenchSystem system, string what, double rate, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{system.Name,-11} {what,-44} {rate,12:N0} {unit}"));
}

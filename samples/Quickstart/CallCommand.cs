using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Parley;
using Parley.Client;
using Parley.Codecs;
using Parley.Codecs.MessagePack;

namespace Quickstart;

internal static class CallCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (!Usage.TryReadOptions(args, out var host, out var port, out var codecName, out var rest, out var error))
        {
            return Usage.Fail(error!);
        }

        if (rest is not [var method, .. var rawArguments])
        {
            return Usage.Fail("call needs a method name, e.g. call --port 5050 Add 1 2");
        }

        var upTo = 0;
        if (method == "Count" && (rawArguments is not [var text] || !int.TryParse(text, CultureInfo.InvariantCulture, out upTo)))
        {
            return Usage.Fail("Count needs one whole number, e.g. call --port 5050 Count 100000");
        }

        RpcCodec codec = codecName == "msgpack" ? MessagePackRpcCodec.Default : JsonRpcCodec.Default;
        var arguments = rawArguments.Select(ParseArgument).ToArray();
        try
        {
            await using var client = RpcClient.Create($"tcp://{host}:{port}", new RpcClientOptions { Codec = codec });
            if (method == "Count")
            {
                return await CountAsync(client, upTo);
            }

            var result = await client.InvokeAsync("Calculator", method, arguments);
            Console.WriteLine(Format(result));
            return 0;
        }
        catch (RpcException ex)
        {
            Console.Error.WriteLine($"{StatusCodeNames.GetName(ex.StatusCode)}: {ex.Detail}");
            return 1;
        }
    }

    // Count streams its answer, so it is read as a stream: one line for the whole of it, and a check that the numbers
    // came in order, each once.
    private static async Task<int> CountAsync(RpcClient client, int upTo)
    {
        var received = 0;
        var stopwatch = Stopwatch.StartNew();
        await foreach (var number in client.ServerStreamAsync<int>("Calculator", "Count", [upTo]))
        {
            if (number != received + 1)
            {
                Console.Error.WriteLine($"error: message {received + 1} was {number}, expected {received + 1}");
                return 1;
            }

            received = number;
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        if (received != Math.Max(upTo, 0))
        {
            Console.Error.WriteLine($"error: the stream ended after {received} of {upTo} messages");
            return 1;
        }

        var rate = seconds > 0 ? received / seconds : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"received {received} messages in {seconds:F2} s ({rate:N0} msg/s)"));
        return 0;
    }

    // "1" is a number, "true" a boolean, "\"x\"" or plain x a string; as plain values, so that any codec can send them.
    private static object? ParseArgument(string text)
    {
        try
        {
            return JsonRpcCodec.Default.Deserialize(new(Encoding.UTF8.GetBytes(text)), typeof(object));
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static string Format(object? result) => result switch
    {
        null => "OK",
        string text => text,
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(result),
    };
}

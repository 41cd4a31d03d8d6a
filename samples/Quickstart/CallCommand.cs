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

        RpcCodec codec = codecName == "msgpack" ? MessagePackRpcCodec.Default : JsonRpcCodec.Default;
        var arguments = rawArguments.Select(ParseArgument).ToArray();
        try
        {
            await using var client = RpcClient.Create($"tcp://{host}:{port}", new RpcClientOptions { Codec = codec });
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

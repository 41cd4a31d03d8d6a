using System.Globalization;
using System.Text.Json;
using Parley;
using Parley.Client;

namespace Quickstart;

internal static class CallCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (!Usage.TryReadAddress(args, out var host, out var port, out var rest, out var error))
        {
            return Usage.Fail(error!);
        }

        if (rest is not [var method, .. var rawArguments])
        {
            return Usage.Fail("call needs a method name, e.g. call --port 5050 Add 1 2");
        }

        var arguments = rawArguments.Select(ParseArgument).ToArray();
        try
        {
            await using var client = RpcClient.Create($"tcp://{host}:{port}");
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

    // "1" is a number, "true" a boolean, "\"x\"" or plain x a string.
    private static object? ParseArgument(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
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
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(result),
    };
}

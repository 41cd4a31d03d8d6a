namespace Quickstart;

internal static class Usage
{
    public const string Text = """
        usage:
          Quickstart                                   run a server and a client in one process
          Quickstart serve [--host H] --port P         serve the Calculator until Ctrl+C / SIGTERM
          Quickstart call  [--host H] --port P [--codec json|msgpack] METHOD [ARG...]
                                                       call Calculator.METHOD and print the result
          Quickstart call  [--host H] --port P [--codec json|msgpack] Count N
                                                       stream 1..N from Calculator.Count, check that they come in
                                                       order, print how many arrived and how fast
        """;

    public static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        Console.Error.WriteLine(Text);
        return 2;
    }

    /// <summary>Reads <c>--host H</c> and <c>--port P</c> from the front of the arguments; returns the rest.</summary>
    public static bool TryReadAddress(string[] args, out string host, out int port, out string[] rest, out string? error) =>
        TryReadOptions(args, out host, out port, out _, out rest, out error);

    /// <summary>Reads <c>--host H</c>, <c>--port P</c> and <c>--codec C</c> from the front of the arguments.</summary>
    public static bool TryReadOptions(
        string[] args, out string host, out int port, out string codec, out string[] rest, out string? error)
    {
        host = "127.0.0.1";
        port = -1;
        codec = "json";
        error = null;
        var i = 0;
        for (; i + 1 < args.Length && args[i].StartsWith("--", StringComparison.Ordinal); i += 2)
        {
            switch (args[i])
            {
                case "--host":
                    host = args[i + 1];
                    break;
                case "--port" when int.TryParse(args[i + 1], out var parsed) && parsed is >= 0 and <= 65535:
                    port = parsed;
                    break;
                case "--codec" when args[i + 1] is "json" or "msgpack":
                    codec = args[i + 1];
                    break;
                default:
                    error = $"bad option {args[i]} {args[i + 1]}";
                    rest = [];
                    return false;
            }
        }

        rest = args[i..];
        if (port < 0)
        {
            error = "--port is required";
            return false;
        }

        return true;
    }
}

using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Parley.Protobuf.Tests.TestSupport;

/// <summary>
/// Runs Interop/protobuf_peer.py under Debian's /usr/bin/python3 with python3-protobuf: a protobuf implementation that
/// shares no code with Google.Protobuf for .NET. Fails loudly when either is missing.
/// </summary>
public static class PythonProtobufPeer
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Decodes <paramref name="payload"/> as <paramref name="descriptor"/> in Python; returns its proto3 JSON.</summary>
    public static Task<string> DecodeAsync(MessageDescriptor descriptor, byte[] payload) =>
        RunAsync(new Dictionary<string, string>
        {
            ["mode"] = "decode",
            ["descriptor"] = descriptor.File.SerializedData.ToBase64(),
            ["type"] = descriptor.FullName,
            ["payload"] = Convert.ToBase64String(payload),
        });

    /// <summary>Builds the message from proto3 <paramref name="json"/> in Python; returns its protobuf bytes.</summary>
    public static async Task<byte[]> EncodeAsync(MessageDescriptor descriptor, string json)
    {
        var base64 = await RunAsync(new Dictionary<string, string>
        {
            ["mode"] = "encode",
            ["descriptor"] = descriptor.File.SerializedData.ToBase64(),
            ["type"] = descriptor.FullName,
            ["json"] = json,
        });
        return Convert.FromBase64String(base64);
    }

    private static async Task<string> RunAsync(Dictionary<string, string> request)
    {
        EnsureInstalled();
        var start = new ProcessStartInfo(Python, Path.Combine(AppContext.BaseDirectory, "Interop", "protobuf_peer.py"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        using var timeout = new CancellationTokenSource(TaskTimeouts.Default);
        try
        {
            await process.StandardInput.WriteAsync(JsonSerializer.Serialize(request));
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0
                ? (await output).Trim()
                : throw new InvalidOperationException($"protobuf_peer.py exited with {process.ExitCode}: {await error}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"protobuf_peer.py did not finish within {TaskTimeouts.Default}");
        }
    }

    private static void EnsureInstalled()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: apt-get install -y python3 python3-protobuf");
        }

        using var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import google.protobuf"])
        {
            RedirectStandardError = true,
        })!;
        if (!check.WaitForExit(TaskTimeouts.Default) || check.ExitCode != 0)
        {
            throw new InvalidOperationException("python3-protobuf is missing: apt-get install -y python3-protobuf");
        }
    }
}

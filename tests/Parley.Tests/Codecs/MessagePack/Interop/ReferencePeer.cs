using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Buffers;
using System.Text.Json;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>
/// A MessagePack implementation no one here wrote, run as a child process that answers one JSON request (see
/// Interop/msgpack_peer.py for the protocol). A peer that is not installed fails the test, naming the script that
/// installs it.
/// </summary>
public sealed class ReferencePeer
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(12);

    private readonly string _executable;
    private readonly string _script;
    private readonly Func<string?> _whyMissing;

    private ReferencePeer(string name, string executable, string script, Func<string?> whyMissing)
    {
        Name = name;
        _executable = executable;
        _script = script;
        _whyMissing = whyMissing;
    }

    /// <summary>python3-msgpack from Debian, run by Debian's own interpreter (the pyenv python3 on PATH lacks it).</summary>
    public static ReferencePeer Python { get; } = new(
        "python3-msgpack", "/usr/bin/python3", Path.Combine(RepositoryRoot, "tests", "Parley.Tests", "Codecs", "MessagePack", "Interop", "msgpack_peer.py"),
        () => File.Exists("/usr/bin/python3") ? null : "Debian's /usr/bin/python3 is missing");

    /// <summary>@msgpack/msgpack from npm, installed in tests/interop/msgpack-js from its lock file.</summary>
    public static ReferencePeer JavaScript { get; } = new(
        "@msgpack/msgpack", "node", Path.Combine(RepositoryRoot, "tests", "interop", "msgpack-js", "peer.js"),
        () => File.Exists(Path.Combine(RepositoryRoot, "tests", "interop", "msgpack-js", "node_modules", "@msgpack", "msgpack", "package.json"))
            ? null
            : "tests/interop/msgpack-js/node_modules has no @msgpack/msgpack");

    public string Name { get; }

    private static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Parley.slnx")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"no Parley.slnx above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>Decodes each encoding; each answer is the tagged value the peer read, as canonical JSON.</summary>
    public Task<PeerAnswer[]> DecodeAsync(IEnumerable<byte[]> encodings) =>
        RunAsync("decode", writer =>
        {
            foreach (var encoding in encodings)
            {
                writer.WriteStringValue(Bytes.ToHex(encoding));
            }
        });

    /// <summary>Encodes each plain value (in its <see cref="TaggedView.Written"/> form); each answer is the peer's bytes in hex.</summary>
    public Task<PeerAnswer[]> EncodeAsync(IEnumerable<object?> values) =>
        RunAsync("encode", writer =>
        {
            foreach (var value in values)
            {
                Tagged.Write(writer, value, TaggedView.Written);
            }
        });

    public override string ToString() => Name;

    private async Task<PeerAnswer[]> RunAsync(string operation, Action<Utf8JsonWriter> writeItems)
    {
        if (_whyMissing() is { } missing)
        {
            throw new InvalidOperationException($"The {Name} reference peer is not installed ({missing}): run scripts/bootstrap.sh.");
        }

        var request = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(request, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("op", operation);
            writer.WriteStartArray("items");
            writeItems(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(_script);
        using var process = StartOrExplain(start);
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardInput.BaseStream.WriteAsync(request.WrittenMemory, timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"The {Name} reference peer exited with {process.ExitCode}: {await stderr} (run scripts/bootstrap.sh if it is not installed)");
            }

            using var answer = JsonDocument.Parse(output);
            return [.. answer.RootElement.GetProperty("items").EnumerateArray().Select(ToAnswer)];
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The {Name} reference peer did not answer within {RunTimeout}.");
        }
    }

    private static PeerAnswer ToAnswer(JsonElement item) =>
        item.ValueKind == JsonValueKind.String ? new PeerAnswer(item.GetString(), null)
        : item.TryGetProperty("error", out var error) ? new PeerAnswer(null, error.GetString())
        : new PeerAnswer(Tagged.Canonical(item), null);

    private Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"{_executable} did not start");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"The {Name} reference peer cannot start ({_executable}: {ex.Message}): run scripts/bootstrap.sh.", ex);
        }
    }
}

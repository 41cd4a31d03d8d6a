using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Parley.LoadTest.Systems;

/// <summary>
/// HTTP/2 on one connection, Kestrel and <see cref="HttpClient"/>: the transport grpc-dotnet is built on, without
/// gRPC's own layers, so it shows what the transport alone costs.
/// </summary>
/// <remarks>
/// <para>
/// What is measured: <c>POST /echo</c> whose body is the text itself (UTF-8, <c>text/plain</c>; no JSON, no other
/// envelope), answered with the same text. The server is <see cref="WebApplication.CreateSlimBuilder()"/> with logging
/// off and Kestrel on 127.0.0.1 speaking cleartext HTTP/2 only (h2c with prior knowledge); the endpoint reads the
/// whole body into a string and returns it with <c>Results.Text</c>. The client sends a <see cref="StringContent"/> and
/// reads the reply with <c>ReadAsStringAsync</c>.
/// </para>
/// <para>
/// One connection: the client asks for HTTP/2 exactly (<see cref="HttpVersionPolicy.RequestVersionExact"/>) and the
/// handler may not open a second connection (<c>EnableMultipleHttp2Connections = false</c>), so every caller's
/// request is a stream multiplexed on the one connection. Kestrel allows 100 concurrent streams per connection by
/// default (left as it is): beyond 100 concurrent callers, requests wait in the handler for a stream to finish.
/// HTTP/2 flow-control windows are the defaults of both sides.
/// </para>
/// <para>
/// Streaming: <c>GET /stream?count=&amp;size=</c> answers with <c>count</c> messages, each framed as gRPC frames its
/// messages (a 4-byte big-endian length, then the text as UTF-8), encoded and flushed one by one as a gRPC server
/// writes them; the client reads the response body as it arrives and decodes every message into a string.
/// </para>
/// </remarks>
internal sealed class Http2System : IBenchSystem
{
    private const int MessagePrefixSize = 4;
    private const int MaxMessageBytes = 64 * 1024 * 1024;
    private static readonly Uri EchoUri = new("echo", UriKind.Relative);

    public string Name => "http2";

    public bool SupportsStreaming => true;

    public async Task<IBenchServer> StartServerAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));

        var app = builder.Build();
        app.MapPost("/echo", static async (HttpRequest request, CancellationToken cancellationToken) =>
            Microsoft.AspNetCore.Http.Results.Text(await ReadTextAsync(request.BodyReader, cancellationToken), "text/plain", Encoding.UTF8));
        app.MapGet("/stream", static (int count, int size, HttpResponse response, CancellationToken cancellationToken) =>
            WriteStreamAsync(response, count, size, cancellationToken));

        return await KestrelBenchServer.StartAsync(app, cancellationToken);
    }

    public Task<IBenchClient> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var http = HttpPeerClients.Create(server, new SocketsHttpHandler { EnableMultipleHttp2Connections = false }, HttpVersion.Version20);
        return HttpPeerClients.OpenAsync(new Http2Client(http), cancellationToken);
    }

    /// <summary>Reads the whole body (Kestrel's request body size limit applies) and decodes it.</summary>
    private static async Task<string> ReadTextAsync(PipeReader body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken);
            if (result.IsCompleted)
            {
                var text = Encoding.UTF8.GetString(result.Buffer);
                body.AdvanceTo(result.Buffer.End);
                return text;
            }

            body.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static async Task WriteStreamAsync(HttpResponse response, int count, int size, CancellationToken cancellationToken)
    {
        if (count < 0 || size < 0 || size > MaxMessageBytes)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        response.ContentType = "application/octet-stream";
        var text = new string('x', size);
        var body = response.BodyWriter;
        for (var i = 0; i < count; i++)
        {
            var length = Encoding.UTF8.GetByteCount(text);
            var span = body.GetSpan(MessagePrefixSize + length);
            BinaryPrimitives.WriteInt32BigEndian(span, length);
            Encoding.UTF8.GetBytes(text, span[MessagePrefixSize..]);
            body.Advance(MessagePrefixSize + length);
            var flush = await body.FlushAsync(cancellationToken);
            if (flush.IsCompleted || flush.IsCanceled)
            {
                return;
            }
        }
    }

    /// <summary>Takes one whole message off the front of <paramref name="buffer"/>; false when more bytes are needed.</summary>
    private static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> message)
    {
        message = default;
        if (buffer.Length < MessagePrefixSize)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[MessagePrefixSize];
        buffer.Slice(0, MessagePrefixSize).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix);

        // The limit is checked from the prefix, before waiting for (and buffering) a message of that size.
        if ((uint)length > MaxMessageBytes)
        {
            throw new InvalidDataException($"http2: a stream message of {length} bytes (the limit is {MaxMessageBytes}).");
        }

        if (buffer.Length < MessagePrefixSize + length)
        {
            return false;
        }

        message = buffer.Slice(MessagePrefixSize, length);
        buffer = buffer.Slice(message.End);
        return true;
    }

    /// <summary>The client: thread-safe, as <see cref="HttpClient"/> is.</summary>
    internal sealed class Http2Client(HttpClient http) : IBenchClient
    {
        public async ValueTask<int> EchoAsync(string text, CancellationToken cancellationToken) =>
            (await EchoTextAsync(text, cancellationToken)).Length;

        /// <summary>Sends <paramref name="text"/> and returns the echoed text.</summary>
        public async ValueTask<string> EchoTextAsync(string text, CancellationToken cancellationToken)
        {
            using var content = new StringContent(text, Encoding.UTF8, "text/plain");
            using var response = await http.PostAsync(EchoUri, content, cancellationToken);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }

        public async ValueTask<long> StreamAsync(int count, int payloadBytes, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            ArgumentOutOfRangeException.ThrowIfNegative(payloadBytes);
            var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"stream?count={count}&size={payloadBytes}"), UriKind.Relative);
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            var body = PipeReader.Create(await response.Content.ReadAsStreamAsync(cancellationToken));
            try
            {
                long received = 0;
                while (true)
                {
                    var result = await body.ReadAsync(cancellationToken);
                    var buffer = result.Buffer;
                    while (TryReadMessage(ref buffer, out var message))
                    {
                        var text = Encoding.UTF8.GetString(message);
                        if (text.Length != payloadBytes)
                        {
                            throw new InvalidDataException($"http2: a stream message of {text.Length} characters instead of {payloadBytes}.");
                        }

                        received++;
                    }

                    var partial = !buffer.IsEmpty;
                    body.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        return partial
                            ? throw new InvalidDataException($"http2: the stream ended inside a message, after {received} whole ones.")
                            : received;
                    }
                }
            }
            finally
            {
                await body.CompleteAsync();
            }
        }

        public ValueTask DisposeAsync()
        {
            http.Dispose();
            return default;
        }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.LoadTest.Systems;

/// <summary>
/// What most .NET teams put between two services: JSON over HTTP/1.1, an ASP.NET Core minimal API on Kestrel and an
/// <see cref="HttpClient"/>, with the defaults a team gets when it does not tune anything.
/// </summary>
/// <remarks>
/// <para>
/// What is measured: <c>POST /echo</c> with the JSON body <c>{"text":"..."}</c>, answered with the same JSON. The
/// server is <see cref="WebApplication.CreateSlimBuilder()"/> with logging off, Kestrel on 127.0.0.1 speaking HTTP/1.1
/// only, and a minimal API endpoint that binds the body to a record and returns it. The client calls
/// <see cref="HttpClientJsonExtensions.PostAsJsonAsync{TValue}(HttpClient, Uri?, TValue, System.Text.Json.Serialization.Metadata.JsonTypeInfo{TValue}, CancellationToken)"/>
/// (which sends the body chunked, as it does for every user of it) and reads the reply with
/// <c>ReadFromJsonAsync</c>. Both sides use one source-generated <see cref="JsonSerializerContext"/>.
/// </para>
/// <para>
/// One connection: the handler allows one connection to the server (<c>MaxConnectionsPerServer = 1</c>). HTTP/1.1
/// cannot multiplex, and <see cref="SocketsHttpHandler"/> does not pipeline, so a request has the connection to itself
/// from its first byte to the last byte of its response: concurrent callers wait in the handler's queue for it, and
/// throughput is one round trip at a time whatever the number of callers. That wait is part of each call's latency.
/// </para>
/// <para>
/// Streaming: <c>GET /stream?count=&amp;size=</c> returns an <see cref="IAsyncEnumerable{T}"/> of the record, which
/// ASP.NET Core writes as one JSON array in chunked encoding, flushing as its serializer's buffer fills; the client
/// reads it with <c>GetFromJsonAsAsyncEnumerable</c>, one record at a time as the bytes arrive. The stream holds the
/// one connection until its last message, so echoes wait behind it.
/// </para>
/// </remarks>
internal sealed partial class Http1JsonSystem : IBenchSystem
{
    private static readonly Uri EchoUri = new("echo", UriKind.Relative);

    public string Name => "http1-json";

    public bool SupportsStreaming => true;

    public async Task<IBenchServer> StartServerAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, EchoJsonContext.Default));

        var app = builder.Build();
        app.MapPost("/echo", static (EchoMessage message) => message);
        app.MapGet("/stream", static (int count, int size) =>
            Enumerable.Repeat(new EchoMessage(new string('x', size)), count).ToAsyncEnumerable());

        return await KestrelBenchServer.StartAsync(app, cancellationToken);
    }

    public Task<IBenchClient> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var http = HttpPeerClients.Create(server, new SocketsHttpHandler { MaxConnectionsPerServer = 1 }, HttpVersion.Version11);
        return HttpPeerClients.OpenAsync(new Http1JsonClient(http), cancellationToken);
    }

    /// <summary>The JSON body of both the request and the response: <c>{"text":"..."}</c>.</summary>
    internal sealed record EchoMessage(string Text);

    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [JsonSerializable(typeof(EchoMessage))]
    [JsonSerializable(typeof(IAsyncEnumerable<EchoMessage>))]
    internal sealed partial class EchoJsonContext : JsonSerializerContext;

    /// <summary>The client: thread-safe, as <see cref="HttpClient"/> is.</summary>
    internal sealed class Http1JsonClient(HttpClient http) : IBenchClient
    {
        public async ValueTask<int> EchoAsync(string text, CancellationToken cancellationToken) =>
            (await EchoTextAsync(text, cancellationToken)).Length;

        /// <summary>Sends <paramref name="text"/> and returns the echoed text.</summary>
        public async ValueTask<string> EchoTextAsync(string text, CancellationToken cancellationToken)
        {
            using var response = await http.PostAsJsonAsync(EchoUri, new EchoMessage(text), EchoJsonContext.Default.EchoMessage, cancellationToken);
            response.EnsureSuccessStatusCode();
            var reply = await response.Content.ReadFromJsonAsync(EchoJsonContext.Default.EchoMessage, cancellationToken);
            return reply?.Text ?? throw new InvalidDataException("http1-json: the echo's response has no text.");
        }

        public async ValueTask<long> StreamAsync(int count, int payloadBytes, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            ArgumentOutOfRangeException.ThrowIfNegative(payloadBytes);
            var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"stream?count={count}&size={payloadBytes}"), UriKind.Relative);
            long received = 0;
            await foreach (var message in http.GetFromJsonAsAsyncEnumerable(uri, EchoJsonContext.Default.EchoMessage, cancellationToken))
            {
                if (message?.Text.Length != payloadBytes)
                {
                    throw new InvalidDataException($"http1-json: a stream message of {message?.Text.Length} characters instead of {payloadBytes}.");
                }

                received++;
            }

            return received;
        }

        public ValueTask DisposeAsync()
        {
            http.Dispose();
            return default;
        }
    }
}

using System.Text;
using System.Text.Json;
using static Parley.Etcd.Internal.WatchMessages;

namespace Parley.Etcd.Internal;

/// <summary>An open watch: etcd's answers, one JSON document per line, read as they come. One reader at a time.</summary>
internal sealed class EtcdWatchStream(Uri endpoint, HttpResponseMessage response, Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    /// <summary>The member the watch is open on.</summary>
    public Uri Endpoint => endpoint;

    /// <summary>The next answer; null when etcd ended the stream.</summary>
    /// <exception cref="EtcdException">The connection broke, or etcd sent an error or something that is not an answer.</exception>
    public async Task<WatchResponse?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new EtcdException($"The watch on {endpoint} broke: {ex.Message}", code: null, endpoint, ex);
            }

            if (line is null)
            {
                return null;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            WatchLine? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize(line, EtcdJsonContext.Default.WatchLine);
            }
            catch (JsonException ex)
            {
                throw new EtcdException($"The watch on {endpoint} sent JSON etcd does not send: {ex.Message}", code: null, endpoint, ex);
            }

            if (parsed?.Error is { } error)
            {
                throw EtcdGateway.StreamError(error, endpoint, "v3/watch");
            }

            if (parsed?.Result is { } result)
            {
                return result;
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        response.Dispose();
    }
}

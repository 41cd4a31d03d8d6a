using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using static Parley.Etcd.Internal.KvMessages;
using static Parley.Etcd.Internal.LeaseMessages;
using static Parley.Etcd.Internal.WatchMessages;

namespace Parley.Etcd.Internal;

/// <summary>
/// etcd's v3 API through its JSON gateway: each call is a POST of one JSON message to <c>/v3/…</c>, answered with one
/// (watch: one per line). Requests go to the current member; when it cannot be reached the next member becomes the
/// current one, and a call tries each member once before it fails. Each request is bounded by the request timeout.
/// Thread-safe.
/// </summary>
internal sealed class EtcdGateway : IDisposable
{
    private static EtcdJsonContext Json => EtcdJsonContext.Default;

    private readonly HttpClient _http;
    private readonly Uri[] _endpoints;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private int _current;

    public EtcdGateway(EtcdRegistryOptions options)
    {
        // A trailing slash makes "v3/…" resolve below the endpoint's path, should it have one (a proxy's route).
        _endpoints = [.. options.Endpoints.Select(e => e.AbsoluteUri.EndsWith('/') ? e : new Uri(e.AbsoluteUri + "/"))];
        _timeout = options.RequestTimeout;
        _time = options.TimeProvider;
        _http = options.HttpMessageHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler { ConnectTimeout = options.RequestTimeout }, disposeHandler: true);

        // Every request has its own timeout; a watch stays open for as long as it is watched.
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    public Task<RangeResponse> RangeAsync(byte[] prefix, CancellationToken cancellationToken) =>
        PostAsync("v3/kv/range", new RangeRequest(prefix, EtcdKeys.RangeEnd(prefix)), Json.RangeRequest, Json.RangeResponse, cancellationToken);

    /// <summary>Counts the keys under <paramref name="prefix"/> on <paramref name="endpoint"/> only: checks that a member answers.</summary>
    public Task<RangeResponse> CountAsync(Uri endpoint, byte[] prefix, CancellationToken cancellationToken) =>
        PostAsync(endpoint, "v3/kv/range", new RangeRequest(prefix, EtcdKeys.RangeEnd(prefix), CountOnly: true),
            Json.RangeRequest, Json.RangeResponse, _timeout, cancellationToken);

    public Task<HeaderResponse> PutAsync(byte[] key, byte[] value, long lease, CancellationToken cancellationToken) =>
        PostAsync("v3/kv/put", new PutRequest(key, value, lease), Json.PutRequest, Json.HeaderResponse, cancellationToken);

    /// <summary>Puts <paramref name="key"/> only if it does not exist; otherwise returns the lease of whoever holds it.</summary>
    public async Task<(bool Put, long HolderLease)> PutIfAbsentAsync(byte[] key, byte[] value, long lease, CancellationToken cancellationToken)
    {
        var txn = new TxnRequest(
            [new Compare(key, "CREATE", "EQUAL", CreateRevision: 0)],
            [new RequestOp(RequestPut: new PutRequest(key, value, lease))],
            [new RequestOp(RequestRange: new RangeRequest(key))]);
        var response = await PostAsync("v3/kv/txn", txn, Json.TxnRequest, Json.TxnResponse, cancellationToken);
        var holder = response.Responses is [{ ResponseRange.Kvs: [var kv, ..] }, ..] ? kv.Lease : 0;
        return (response.Succeeded, holder);
    }

    /// <summary>Deletes <paramref name="key"/> only if it is held under <paramref name="lease"/>; false when it is not.</summary>
    public async Task<bool> DeleteIfLeaseAsync(byte[] key, long lease, CancellationToken cancellationToken)
    {
        var txn = new TxnRequest(
            [new Compare(key, "LEASE", "EQUAL", Lease: lease)],
            [new RequestOp(RequestDeleteRange: new DeleteRangeRequest(key))],
            []);
        return (await PostAsync("v3/kv/txn", txn, Json.TxnRequest, Json.TxnResponse, cancellationToken)).Succeeded;
    }

    public Task<HeaderResponse> DeleteAsync(byte[] key, CancellationToken cancellationToken) =>
        PostAsync("v3/kv/deleterange", new DeleteRangeRequest(key), Json.DeleteRangeRequest, Json.HeaderResponse, cancellationToken);

    /// <summary>Drops the history before <paramref name="revision"/> (physically, before answering).</summary>
    public Task<HeaderResponse> CompactAsync(long revision, CancellationToken cancellationToken) =>
        PostAsync("v3/kv/compaction", new CompactionRequest(revision, Physical: true), Json.CompactionRequest, Json.HeaderResponse, cancellationToken);

    /// <summary>Grants a lease of <paramref name="ttl"/>; returns its id and the time to live etcd gave it (never shorter).</summary>
    public async Task<(long Id, TimeSpan Ttl)> GrantAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        var response = await PostAsync("v3/lease/grant", new LeaseGrantRequest((long)ttl.TotalSeconds),
            Json.LeaseGrantRequest, Json.LeaseGrantResponse, cancellationToken);
        return string.IsNullOrEmpty(response.Error) && response.Id != 0
            ? (response.Id, TimeSpan.FromSeconds(Math.Max(response.Ttl, (long)ttl.TotalSeconds)))
            : throw new EtcdException($"etcd granted no lease: {response.Error}");
    }

    /// <summary>Renews <paramref name="lease"/>; returns its time to live, 0 when etcd no longer has it. Each member gets
    /// <paramref name="timeout"/> to answer, when that is shorter than the request timeout.</summary>
    public async Task<long> KeepAliveAsync(long lease, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var line = await PostAsync("v3/lease/keepalive", new LeaseRequest(lease), Json.LeaseRequest, Json.LeaseKeepAliveLine,
            timeout < _timeout ? timeout : _timeout, cancellationToken);
        if (line.Error is { } error)
        {
            var failure = StreamError(error, endpoint: null, "v3/lease/keepalive");
            return failure.Code == GrpcCodes.NotFound ? 0 : throw failure;
        }

        return line.Result?.Ttl ?? 0;
    }

    /// <summary>Revokes <paramref name="lease"/>, which deletes every key held under it; a lease etcd no longer has is fine.</summary>
    public async Task RevokeAsync(long lease, CancellationToken cancellationToken)
    {
        try
        {
            await PostAsync("v3/lease/revoke", new LeaseRequest(lease), Json.LeaseRequest, Json.HeaderResponse, cancellationToken);
        }
        catch (EtcdException ex) when (ex.Code == GrpcCodes.NotFound)
        {
        }
    }

    /// <summary>Opens a watch of the keys under <paramref name="prefix"/> from <paramref name="startRevision"/> on the
    /// current member. The request timeout bounds opening it, not reading it.</summary>
    public async Task<EtcdWatchStream> WatchAsync(byte[] prefix, long startRevision, CancellationToken cancellationToken)
    {
        var index = Volatile.Read(ref _current);
        var endpoint = _endpoints[index];
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage? response = null;
        try
        {
            var watch = new WatchRequest(new WatchCreateRequest(prefix, EtcdKeys.RangeEnd(prefix), startRevision));
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "v3/watch"))
            {
                Content = JsonContent.Create(watch, Json.WatchRequest),
            };
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            await ThrowIfErrorAsync(response, endpoint, "v3/watch", linked.Token);
            var body = await response.Content.ReadAsStreamAsync(linked.Token);
            return new EtcdWatchStream(endpoint, response, body);
        }
        catch (Exception ex)
        {
            response?.Dispose();
            var failure = Unreachable(ex, endpoint, "v3/watch", _timeout, timeout, cancellationToken);
            if (failure is null)
            {
                throw;
            }

            throw failure;
        }
    }

    /// <summary>Makes the member after <paramref name="failed"/> the current one, unless another call already moved on.</summary>
    public void MoveOn(Uri failed)
    {
        var index = Array.IndexOf(_endpoints, failed);
        if (index >= 0)
        {
            Interlocked.CompareExchange(ref _current, (index + 1) % _endpoints.Length, index);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>An error etcd sent inside a stream: <c>{"grpc_code": 5, "message": "…"}</c> (or, from some versions, a string).</summary>
    internal static EtcdException StreamError(JsonElement error, Uri? endpoint, string path)
    {
        int? code = null;
        var message = error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText();
        if (error.ValueKind == JsonValueKind.Object)
        {
            if (error.TryGetProperty("grpc_code", out var grpcCode) && grpcCode.TryGetInt32(out var value))
            {
                code = value;
            }

            if (error.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String)
            {
                message = text.GetString();
            }
        }

        return new EtcdException($"etcd{At(endpoint)} failed {path}: {message}", code, endpoint);
    }

    private Task<TResponse> PostAsync<TRequest, TResponse>(
        string path, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken) =>
        PostAsync(path, request, requestType, responseType, _timeout, cancellationToken);

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        string path, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var endpoint = _endpoints[Volatile.Read(ref _current)];
            try
            {
                return await PostAsync(endpoint, path, request, requestType, responseType, timeout, cancellationToken);
            }
            catch (EtcdException ex) when (ex.IsUnreachable)
            {
                // The next member may answer: it becomes the current one, and this call tries it at once.
                MoveOn(endpoint);
                if (attempt >= _endpoints.Length)
                {
                    throw;
                }
            }
        }
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        Uri endpoint, string path, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        TimeSpan within, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(within, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var content = JsonContent.Create(request, requestType);
            using var response = await _http.PostAsync(new Uri(endpoint, path), content, linked.Token);
            await ThrowIfErrorAsync(response, endpoint, path, linked.Token);
            return await response.Content.ReadFromJsonAsync(responseType, linked.Token)
                ?? throw new JsonException("The answer is null.");
        }
        catch (Exception ex) when (Unreachable(ex, endpoint, path, within, timeout, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>What <paramref name="ex"/> means when it says that <paramref name="endpoint"/> did not answer as etcd
    /// does (no connection, no answer in time, not etcd's JSON); null for any other exception.</summary>
    private static EtcdException? Unreachable(
        Exception ex, Uri endpoint, string path, TimeSpan within, CancellationTokenSource timeout, CancellationToken cancellationToken) =>
        ex switch
        {
            OperationCanceledException when timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested =>
                new EtcdException($"etcd at {endpoint} did not answer {path} within {within}.", code: null, endpoint, ex),
            HttpRequestException or IOException =>
                new EtcdException($"etcd at {endpoint} could not be reached for {path}: {ex.Message}", code: null, endpoint, ex),
            JsonException =>
                new EtcdException($"etcd at {endpoint} answered {path} with JSON it does not send: {ex.Message}", code: null, endpoint, ex),
            _ => null,
        };

    private static async Task ThrowIfErrorAsync(HttpResponseMessage response, Uri endpoint, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        ErrorResponse? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync(Json.ErrorResponse, cancellationToken);
        }
        catch (JsonException)
        {
            // Not etcd's error document (a proxy's page): the status code is all there is.
        }

        var message = error?.Message ?? (error?.Error is { ValueKind: JsonValueKind.String } text ? text.GetString() : null);
        throw new EtcdException(
            $"etcd at {endpoint} answered {path} with HTTP {(int)response.StatusCode}: {message ?? response.ReasonPhrase}",
            error?.Code, endpoint);
    }

    private static string At(Uri? endpoint) => endpoint is null ? "" : " at " + endpoint;
}

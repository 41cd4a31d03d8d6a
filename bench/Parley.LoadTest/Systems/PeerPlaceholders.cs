using System.Net;

namespace Parley.LoadTest.Systems;

// PLACEHOLDERS for the three peer systems, which are written on another branch in RawSocketSystem.cs,
// Http1JsonSystem.cs and Http2System.cs. They exist so that BenchSystems.All compiles before those land; this whole
// file is deleted when they do. Each knows its name and fails to start, so a run reports the peer as not available.

/// <summary>Placeholder for the raw-socket peer (replaced by RawSocketSystem.cs).</summary>
internal sealed class RawSocketSystem() : PeerPlaceholder("raw-socket");

/// <summary>Placeholder for the http1-json peer (replaced by Http1JsonSystem.cs).</summary>
internal sealed class Http1JsonSystem() : PeerPlaceholder("http1-json");

/// <summary>Placeholder for the http2 peer (replaced by Http2System.cs).</summary>
internal sealed class Http2System() : PeerPlaceholder("http2");

/// <summary>A peer system whose implementation is not on this branch.</summary>
internal abstract class PeerPlaceholder(string name) : IBenchSystem
{
    public string Name { get; } = name;

    public bool SupportsStreaming => false;

    public Task<IBenchServer> StartServerAsync(CancellationToken cancellationToken) => throw NotHere();

    public Task<IBenchClient> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken) => throw NotHere();

    private NotSupportedException NotHere() => new($"{Name} is a placeholder: its implementation is not on this branch");
}

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>
/// Interop with @msgpack/msgpack (npm), whose numbers are binary64 and whose maps are plain objects: it reads
/// everything Parley writes, and writes everything but maps with keys other than str (see
/// <see cref="JavaScriptEncodability"/>).
/// </summary>
public sealed class JavaScriptInteropTests : ReferenceInteropTests
{
    private protected override ReferencePeer Peer => ReferencePeer.JavaScript;

    private protected override TaggedView PeerView => TaggedView.DecodedByJavaScript;

    private protected override IReadOnlyCollection<string> NotEncodableByPeer => ["map with integer keys", "map with a bin key"];

    private protected override bool PeerCanEncode(InteropCase value) => JavaScriptEncodability.CanEncode(value.Natural);
}

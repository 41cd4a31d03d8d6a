namespace Parley.Tests.Codecs.MessagePack;

/// <summary>
/// Interop with python3-msgpack (Debian), which keeps ints, floats, str and bin apart as MessagePack does. Its ExtType
/// only takes the application's types 0 to 127, so it neither reads nor writes the reserved type -128.
/// </summary>
public sealed class PythonInteropTests : ReferenceInteropTests
{
    private protected override ReferencePeer Peer => ReferencePeer.Python;

    private protected override TaggedView PeerView => TaggedView.Decoded;

    private protected override IReadOnlyCollection<string> NotEncodableByPeer => ["ext -128"];

    private protected override IReadOnlyCollection<string> NotDecodableByPeer => ["ext -128"];

    private protected override bool PeerCanEncode(InteropCase value) => !NotEncodableByPeer.Contains(value.Name);
}

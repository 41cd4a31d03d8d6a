using System.Buffers;
using Parley.Codecs;
using Parley.Contracts;
using Parley.Protocol;
using Parley.Streams;

namespace Parley.Tests.Protocol;

/// <summary>Keeps the worked server stream in docs/protocol.md (Calculator.Count([2]), request id 2, JSON) honest.</summary>
public sealed partial class ProtocolDocumentExampleTests
{
    public const string StreamRequestHex =
        "504C010201000000" + "0000000000000002" + "0000003400000003"
        + "08" + "3A73657276696365" + "000A" + "43616C63756C61746F72"
        + "07" + "3A6D6574686F64" + "0005" + "436F756E74"
        + "07" + "3A73747265616D" + "0006" + "736572766572"
        + "5B325D";

    public const string FirstStreamMessageHex = "504C010901000000" + "0000000000000002" + "0000000000000001" + "31";

    public const string SecondStreamMessageHex = "504C010901000000" + "0000000000000002" + "0000000000000001" + "32";

    public const string StreamResponseHex = "504C010300000000" + "0000000000000002" + "0000000000000000";

    private const ulong StreamRequestId = 2;

    [Fact]
    public void Encoders_CalculatorCountStream_ProduceDocumentedBytes()
    {
        Assert.Equal(StreamRequestHex, EncodeStreamRequest());
        Assert.Equal(FirstStreamMessageHex, EncodeStreamMessage(1));
        Assert.Equal(SecondStreamMessageHex, EncodeStreamMessage(2));
        Assert.Equal(StreamResponseHex, ToHex(FrameBuilder.Create(FrameType.Response, StatusCode.Ok, StreamRequestId, null, default)));
    }

    [Fact]
    public void ProtocolDocument_StreamExample_ShowsTheEncodedBytes()
    {
        var document = ReadProtocolDocument();
        Assert.Equal(StreamRequestHex, ParseAnnotatedDump(FencedBlockAfter(document, "<!-- example: stream request annotated -->")));
        Assert.Equal(StreamRequestHex, ParseHexBlock(FencedBlockAfter(document, "<!-- example: stream request hex -->")));
        Assert.Equal(FirstStreamMessageHex, ParseAnnotatedDump(FencedBlockAfter(document, "<!-- example: stream message annotated -->")));
        Assert.Equal(
            FirstStreamMessageHex + SecondStreamMessageHex,
            ParseHexBlock(FencedBlockAfter(document, "<!-- example: stream messages hex -->")));
        Assert.Equal(StreamResponseHex, ParseAnnotatedDump(FencedBlockAfter(document, "<!-- example: stream response annotated -->")));
        Assert.Equal(StreamResponseHex, ParseHexBlock(FencedBlockAfter(document, "<!-- example: stream response hex -->")));
    }

    [Fact]
    public void TryRead_DocumentedStream_DecodesEveryFrame()
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString(
            StreamRequestHex + FirstStreamMessageHex + SecondStreamMessageHex + StreamResponseHex));
        var frames = new List<(FrameHeader Header, byte[] Payload, RpcMetadata Metadata)>();
        while (FrameReader.TryRead(ref buffer, new ProtocolLimits(), out var frame, out var error) == FrameReadStatus.Complete)
        {
            Assert.Null(error);
            Assert.True(MetadataCodec.TryRead(frame.Metadata, new ProtocolLimits(), out var metadata, out _));
            frames.Add((frame.Header, frame.Payload.ToArray(), metadata));
        }

        Assert.True(buffer.IsEmpty);
        Assert.Equal(
            [FrameType.Request, FrameType.StreamMessage, FrameType.StreamMessage, FrameType.Response],
            frames.Select(f => f.Header.Type));
        Assert.All(frames, f => Assert.Equal((StreamRequestId, FrameFlags.None), (f.Header.RequestId, f.Header.Flags)));
        Assert.Equal("server", frames[0].Metadata.Get(RpcMetadata.StreamKey));
        Assert.Equal([2], JsonRpcCodec.Default.DeserializeArguments(new ReadOnlySequence<byte>(frames[0].Payload), [typeof(int)]));
        Assert.Equal(1, JsonRpcCodec.Default.Deserialize(new ReadOnlySequence<byte>(frames[1].Payload), typeof(int)));
        Assert.Equal(2, JsonRpcCodec.Default.Deserialize(new ReadOnlySequence<byte>(frames[2].Payload), typeof(int)));
        Assert.Equal((StatusCode.Ok, (byte)0, 0), (frames[3].Header.Status, frames[3].Header.Codec, frames[3].Payload.Length));
    }

    // As ClientConnection.BuildFrame: :service, :method, no :timeout (a stream's default is none), :stream, the arguments.
    private static string EncodeStreamRequest()
    {
        var codec = JsonRpcCodec.Default;
        var builder = FrameBuilder.Start(metadata: null);
        builder.AddMetadata(RpcMetadata.ServiceKey, "Calculator");
        builder.AddMetadata(RpcMetadata.MethodKey, "Count");
        builder.AddMetadata(RpcMetadata.StreamKey, StreamKinds.ToWire(RpcMethodKind.ServerStreaming)!);
        codec.SerializeArguments(builder, [2]);
        return ToHex(builder.Finish(FrameType.Request, codec.Id, StatusCode.Ok, StreamRequestId));
    }

    // As RpcConnection.SendStreamMessageAsync for a message that fits one chunk.
    private static string EncodeStreamMessage(int value)
    {
        var codec = JsonRpcCodec.Default;
        var builder = FrameBuilder.Start(metadata: null);
        codec.Serialize(builder, value, typeof(int));
        return ToHex(builder.Finish(FrameType.StreamMessage, codec.Id, StatusCode.Ok, StreamRequestId));
    }
}

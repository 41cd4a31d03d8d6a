using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Codecs;
using Parley.Protocol;

namespace Parley.Tests.Protocol;

/// <summary>
/// Keeps the worked example in docs/protocol.md honest: the frames are built with the real encoder, compared with the
/// hex written here and in the document, and decoded again with the real reader.
/// </summary>
public sealed partial class ProtocolDocumentExampleTests
{
    /// <summary>REQUEST Calculator.Add([1, 2]), request id 1, JSON, :timeout 5000.</summary>
    public const string RequestHex =
        "504C010201000000" + "0000000000000001" + "0000003100000005"
        + "08" + "3A73657276696365" + "000A" + "43616C63756C61746F72"
        + "07" + "3A6D6574686F64" + "0003" + "416464"
        + "08" + "3A74696D656F7574" + "0004" + "35303030"
        + "5B312C325D";

    /// <summary>The OK RESPONSE to it: request id 1, JSON, result 3.</summary>
    public const string ResponseHex =
        "504C010301000000" + "0000000000000001" + "0000000000000001"
        + "33";

    private const ulong RequestId = 1;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromMilliseconds(5000);

    [Fact]
    public void Finish_CalculatorAddRequest_ProducesDocumentedBytes()
    {
        Assert.Equal(RequestHex, EncodeRequest());
    }

    [Fact]
    public void Finish_CalculatorAddResponse_ProducesDocumentedBytes()
    {
        Assert.Equal(ResponseHex, EncodeResponse());
    }

    [Fact]
    public void ProtocolDocument_RequestExample_ShowsTheEncodedBytes()
    {
        var document = ReadProtocolDocument();
        Assert.Equal(RequestHex, ParseAnnotatedDump(FencedBlockAfter(document, "<!-- example: request annotated -->")));
        Assert.Equal(RequestHex, ParseHexBlock(FencedBlockAfter(document, "<!-- example: request hex -->")));
    }

    [Fact]
    public void ProtocolDocument_ResponseExample_ShowsTheEncodedBytes()
    {
        var document = ReadProtocolDocument();
        Assert.Equal(ResponseHex, ParseAnnotatedDump(FencedBlockAfter(document, "<!-- example: response annotated -->")));
        Assert.Equal(ResponseHex, ParseHexBlock(FencedBlockAfter(document, "<!-- example: response hex -->")));
    }

    [Fact]
    public void TryRead_DocumentedRequest_DecodesEveryField()
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString(RequestHex));

        var status = FrameReader.TryRead(ref buffer, new ProtocolLimits(), out var frame, out var error);

        Assert.Equal(FrameReadStatus.Complete, status);
        Assert.Null(error);
        Assert.True(buffer.IsEmpty);
        var header = frame.Header;
        Assert.Equal(FrameType.Request, header.Type);
        Assert.Equal(CodecIds.Json, header.Codec);
        Assert.Equal(FrameFlags.None, header.Flags);
        Assert.Equal(StatusCode.Ok, header.Status);
        Assert.Equal(RequestId, header.RequestId);
        Assert.Equal(49, header.MetadataLength);
        Assert.Equal(5, header.PayloadLength);
        Assert.Equal(78, header.FrameLength);

        Assert.True(MetadataCodec.TryRead(frame.Metadata, new ProtocolLimits(), out var metadata, out var metadataError), metadataError);
        Assert.Equal(
            [
                new KeyValuePair<string, string>(":service", "Calculator"),
                new KeyValuePair<string, string>(":method", "Add"),
                new KeyValuePair<string, string>(":timeout", "5000"),
            ],
            metadata);

        var arguments = JsonRpcCodec.Default.DeserializeArguments(frame.Payload, [typeof(int), typeof(int)]);
        Assert.Equal([1, 2], arguments);
    }

    [Fact]
    public void TryRead_DocumentedResponse_DecodesEveryField()
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString(ResponseHex));

        var status = FrameReader.TryRead(ref buffer, new ProtocolLimits(), out var frame, out var error);

        Assert.Equal(FrameReadStatus.Complete, status);
        Assert.Null(error);
        Assert.True(buffer.IsEmpty);
        var header = frame.Header;
        Assert.Equal(FrameType.Response, header.Type);
        Assert.Equal(CodecIds.Json, header.Codec);
        Assert.Equal(FrameFlags.None, header.Flags);
        Assert.Equal(StatusCode.Ok, header.Status);
        Assert.Equal(RequestId, header.RequestId);
        Assert.Equal(0, header.MetadataLength);
        Assert.Equal(1, header.PayloadLength);
        Assert.Equal(25, header.FrameLength);
        Assert.True(frame.Metadata.IsEmpty);
        Assert.Equal(3, JsonRpcCodec.Default.Deserialize(frame.Payload, typeof(int)));
    }

    // Builds the request the way ClientConnection.BuildFrame does: caller metadata (none here), then :service,
    // :method and :timeout (whole milliseconds, rounded up), then the codec-encoded argument array.
    private static string EncodeRequest()
    {
        var codec = JsonRpcCodec.Default;
        var builder = FrameBuilder.Start(metadata: null);
        builder.AddMetadata(RpcMetadata.ServiceKey, "Calculator");
        builder.AddMetadata(RpcMetadata.MethodKey, "Add");
        var milliseconds = (long)Math.Ceiling(CallTimeout.TotalMilliseconds);
        builder.AddMetadata(RpcMetadata.TimeoutKey, milliseconds.ToString(CultureInfo.InvariantCulture));
        codec.SerializeArguments(builder, [1, 2]);
        return ToHex(builder.Finish(FrameType.Request, codec.Id, StatusCode.Ok, RequestId));
    }

    // Builds the response the way ServerCall.Success does: no metadata, the result encoded as its declared type.
    private static string EncodeResponse()
    {
        var codec = JsonRpcCodec.Default;
        var builder = FrameBuilder.Start(metadata: null);
        codec.Serialize(builder, 3, typeof(int));
        return ToHex(builder.Finish(FrameType.Response, codec.Id, StatusCode.Ok, RequestId));
    }

    private static string ToHex(OutgoingFrame frame)
    {
        try
        {
            return Convert.ToHexString(frame.Span);
        }
        finally
        {
            frame.Release();
        }
    }

    // Each line of an annotated dump is "OOO  HH HH ...  annotation": a decimal offset that must equal the number of
    // bytes listed before it, the bytes in upper-case hex, and free text after at least two spaces.
    private static string ParseAnnotatedDump(IReadOnlyList<string> lines)
    {
        var bytes = new List<string>();
        foreach (var line in lines)
        {
            var match = DumpLine().Match(line);
            Assert.True(match.Success, $"not an annotated dump line: '{line}'");
            var offset = int.Parse(match.Groups["offset"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            Assert.True(offset == bytes.Count, $"line '{line}' says offset {offset}, but {bytes.Count} bytes come before it");
            bytes.AddRange(match.Groups["bytes"].Value.Split(' '));
        }

        return string.Concat(bytes);
    }

    private static string ParseHexBlock(IReadOnlyList<string> lines)
    {
        var hex = string.Concat(lines).Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.Matches("^(?:[0-9A-F]{2})+$", hex);
        return hex;
    }

    // The fenced block that directly follows the marker comment, without its fences.
    private static string[] FencedBlockAfter(string document, string marker)
    {
        var markerAt = document.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(markerAt >= 0, $"docs/protocol.md has no '{marker}' marker");
        var afterMarker = markerAt + marker.Length;
        var fenceAt = document.IndexOf("```", afterMarker, StringComparison.Ordinal);
        Assert.True(fenceAt >= 0 && document.AsSpan(afterMarker, fenceAt - afterMarker).IsWhiteSpace(),
            $"'{marker}' must be followed directly by a fenced block");
        var bodyAt = document.IndexOf('\n', fenceAt) + 1;
        var closingAt = document.IndexOf("\n```", bodyAt - 1, StringComparison.Ordinal);
        Assert.True(bodyAt > 0 && closingAt >= bodyAt, $"the block after '{marker}' is not closed");
        return document[bodyAt..closingAt].Split('\n');
    }

    private static string ReadProtocolDocument()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "docs", "protocol.md");
            if (File.Exists(path) && File.Exists(Path.Combine(directory.FullName, "Parley.slnx")))
            {
                return File.ReadAllText(path).ReplaceLineEndings("\n");
            }
        }

        throw new FileNotFoundException("docs/protocol.md was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^(?<offset>[0-9]{3})  (?<bytes>[0-9A-F]{2}(?: [0-9A-F]{2})*)(?: {2,}\\S.*)?$")]
    private static partial Regex DumpLine();
}

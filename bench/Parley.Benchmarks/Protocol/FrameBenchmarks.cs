using System.Buffers;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Parley.Codecs;
using Parley.Protocol;

namespace Parley.Benchmarks.Protocol;

/// <summary>
/// Encoding and decoding one REQUEST frame: <c>:service</c>, <c>:method</c> and <c>:timeout</c> metadata and an
/// already encoded JSON payload of <see cref="PayloadBytes"/> bytes. Codecs are measured on their own in
/// <see cref="Codecs.CodecBenchmarks"/>; this is the cost the frame layer adds.
/// </summary>
[MemoryDiagnoser]
public class FrameBenchmarks
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly ProtocolLimits _limits = new();
    private byte[] _payload = [];
    private ReadOnlySequence<byte> _contiguous;
    private ReadOnlySequence<byte> _split;
    private ulong _requestId;

    /// <summary>The JSON payload's size in bytes.</summary>
    [Params(64, 1024)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = JsonPayload(PayloadBytes);
        var frame = Build();
        var bytes = frame.Span.ToArray();
        frame.Release();
        _contiguous = new ReadOnlySequence<byte>(bytes);
        _split = ByteSegment.Split(bytes, bytes.Length / 2);
        if (Read(_contiguous) != PayloadBytes || Read(_split) != PayloadBytes)
        {
            throw new InvalidOperationException("the encoded frame does not read back");
        }
    }

    /// <summary>Builds the frame as the client does for a call (the timeout formatted per call) and returns its buffer.</summary>
    [Benchmark]
    public int Encode()
    {
        var frame = Build();
        var length = frame.Length;
        frame.Release();
        return length;
    }

    /// <summary>Reads the frame from one buffer, the common case.</summary>
    [Benchmark]
    public int DecodeContiguous() => Read(_contiguous);

    /// <summary>Reads the frame from two buffers split in the middle, as when it straddles two socket reads.</summary>
    [Benchmark]
    public int DecodeSplit() => Read(_split);

    /// <summary>Reads the frame and then its metadata block into <see cref="RpcMetadata"/>, as the server does.</summary>
    [Benchmark]
    public int DecodeWithMetadata()
    {
        var buffer = _contiguous;
        FrameReader.TryRead(ref buffer, _limits, out var frame, out _);
        MetadataCodec.TryRead(frame.Metadata, _limits, out var metadata, out _);
        return metadata.Count;
    }

    private OutgoingFrame Build()
    {
        // The same steps as ClientConnection.BuildFrame, with the payload copied in where a codec would write it.
        var builder = FrameBuilder.Start(null, _payload.Length);
        builder.AddMetadata(RpcMetadata.ServiceKey, "Calculator");
        builder.AddMetadata(RpcMetadata.MethodKey, "Add");
        var milliseconds = (long)Math.Ceiling(CallTimeout.TotalMilliseconds);
        builder.AddMetadata(RpcMetadata.TimeoutKey, milliseconds.ToString(CultureInfo.InvariantCulture));
        _payload.CopyTo(builder.GetSpan(_payload.Length));
        builder.Advance(_payload.Length);
        return builder.Finish(FrameType.Request, CodecIds.Json, StatusCode.Ok, ++_requestId);
    }

    private int Read(ReadOnlySequence<byte> buffer) =>
        FrameReader.TryRead(ref buffer, _limits, out var frame, out _) == FrameReadStatus.Complete
            ? (int)frame.Payload.Length
            : -1;

    // A JSON argument list of exactly `size` bytes: one string of ASCII letters.
    private static byte[] JsonPayload(int size)
    {
        var text = new StringBuilder("[\"");
        for (var i = 0; text.Length < size - 2; i++)
        {
            text.Append((char)('a' + i % 26));
        }

        return Encoding.UTF8.GetBytes(text.Append("\"]").ToString());
    }
}

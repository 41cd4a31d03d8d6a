using System.Buffers;
using BenchmarkDotNet.Attributes;
using Parley.Codecs;
using Parley.Codecs.MessagePack;
using Parley.Protobuf;

namespace Parley.Benchmarks.Codecs;

/// <summary>
/// Each codec writing and reading one <see cref="SensorReport"/> (about 1 KB encoded; the <c>Encoded</c> column gives
/// each codec's size) by its declared type, as a typed call's result travels: written into a reused buffer, read from a
/// <see cref="ReadOnlySequence{T}"/>. Protobuf carries the generated <see cref="SensorReportMessage"/> with the same
/// values.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EncodedSizeColumn.Config))]
public class CodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private RpcCodec _codec = JsonRpcCodec.Default;
    private object _value = SensorReport.Create();
    private Type _type = typeof(SensorReport);
    private ReadOnlySequence<byte> _encoded;

    /// <summary>The codec's name: <c>json</c>, <c>msgpack</c> or <c>protobuf</c>.</summary>
    [Params("json", "msgpack", "protobuf")]
    public string Codec { get; set; } = "json";

    [GlobalSetup]
    public void Setup()
    {
        (_codec, _value, _type) = Select(Codec);
        _encoded = new ReadOnlySequence<byte>(Encode(Codec));
        if (!Equivalent(_codec.Deserialize(_encoded, _type), _value))
        {
            throw new InvalidOperationException($"{Codec} does not read back what it wrote");
        }
    }

    [Benchmark]
    public int Serialize()
    {
        _output.ResetWrittenCount();
        _codec.Serialize(_output, _value, _type);
        return _output.WrittenCount;
    }

    [Benchmark]
    public object? Parse() => _codec.Deserialize(_encoded, _type);

    /// <summary>The bytes <paramref name="codec"/> writes for the benchmark's message.</summary>
    public static byte[] Encode(string codec)
    {
        var (rpcCodec, value, type) = Select(codec);
        var output = new ArrayBufferWriter<byte>();
        rpcCodec.Serialize(output, value, type);
        return output.WrittenSpan.ToArray();
    }

    private static (RpcCodec Codec, object Value, Type Type) Select(string codec)
    {
        var report = SensorReport.Create();
        return codec switch
        {
            "json" => (JsonRpcCodec.Default, report, typeof(SensorReport)),
            "msgpack" => (MessagePackRpcCodec.Default, report, typeof(SensorReport)),
            "protobuf" => (ProtobufRpcCodec.Default, report.ToMessage(), typeof(SensorReportMessage)),
            _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "expected json, msgpack or protobuf"),
        };
    }

    // Records compare their list by reference, so the samples are compared element by element.
    private static bool Equivalent(object? read, object written) => (read, written) switch
    {
        (SensorReport a, SensorReport b) => a with { Samples = b.Samples } == b && a.Samples.SequenceEqual(b.Samples),
        _ => Equals(read, written),
    };
}

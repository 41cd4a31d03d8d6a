using Parley.Codecs.MessagePack;
using System.Buffers;
using System.Net;
using Parley.Client;
using Parley.Codecs;
using Parley.Protobuf.Tests.TestSupport;
using Parley.Server;

namespace Parley.Protobuf.Tests.Server;

public sealed class AddProtobufTests
{
    [Fact]
    public void AddProtobuf_DefaultOptions_AddsProtobufAndUpgradesTheDefaultJsonCodec()
    {
        // Arrange
        var builder = new RpcServerBuilder();

        // Act
        var returned = builder.AddProtobuf();

        // Assert
        Assert.Same(builder, returned);
        Assert.Equal([ProtobufJson.Codec, MessagePackRpcCodec.Default, ProtobufRpcCodec.Default], builder.Options.Codecs);
    }

    [Fact]
    public void AddProtobuf_CalledTwice_ChangesNothingTheSecondTime()
    {
        // Arrange
        var builder = new RpcServerBuilder().AddProtobuf();
        var before = builder.Options.Codecs.ToArray();

        // Act
        builder.AddProtobuf();

        // Assert
        Assert.Equal(before, builder.Options.Codecs);
    }

    [Fact]
    public void AddProtobuf_CustomJsonCodec_LeavesItAlone()
    {
        // Arrange
        var json = new JsonRpcCodec();
        var builder = new RpcServerBuilder().Configure(o =>
        {
            o.Codecs.Clear();
            o.Codecs.Add(json);
        });

        // Act
        builder.AddProtobuf();

        // Assert
        Assert.Equal([json, ProtobufRpcCodec.Default], builder.Options.Codecs);
    }

    [Fact]
    public void AddProtobuf_AnotherCodecHoldsId3_Throws()
    {
        // Arrange
        var builder = new RpcServerBuilder().Configure(o => o.Codecs.Add(new ImpostorCodec()));

        // Act
        var error = Assert.Throws<InvalidOperationException>(builder.AddProtobuf);

        // Assert
        Assert.Contains("'impostor' already uses id 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OnlyProtobufCodecAndAPlainContract_ThrowsNamingTheMethod()
    {
        // Arrange
        var builder = ProtobufOnly<ICalculator>(new Calculator());

        // Act
        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        // Assert
        Assert.Contains("No codec of this server can carry Calculator.Add", error.Message, StringComparison.Ordinal);
        Assert.Contains("protobuf: the method takes 2 arguments (Int32, Int32); the protobuf codec carries exactly one message in and one out",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_OnlyProtobufCodecAndAProtobufContract_Starts()
    {
        // Arrange
        var builder = ProtobufOnly<IGreeter>(new Greeter());

        // Act
        await using var server = builder.Build();
        await server.StartAsync().DefaultTimeout();

        // Assert
        Assert.Single(server.EndPoints);
        await server.StopAsync(TimeSpan.Zero).DefaultTimeout();
    }

    [Fact]
    public void Build_OnlyProtobufCodecAndAStreamOfPlainValues_ThrowsNamingTheMethod()
    {
        // Arrange
        var builder = ProtobufOnly<IRawTelemetry>(new RawTelemetry());

        // Act
        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        // Assert
        Assert.Contains("No codec of this server can carry RawTelemetry.Values", error.Message, StringComparison.Ordinal);
        Assert.Contains("protobuf: the response stream's item type (Int64) is not a protobuf message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_OnlyProtobufCodecAndAStreamingProtobufContract_StartsAndServesIt()
    {
        // Arrange
        var builder = ProtobufOnly<ITelemetry>(new Telemetry());
        await using var server = builder.Build();
        await server.StartAsync().DefaultTimeout();
        await using var client = new RpcClient(server.EndPoints[0], new RpcClientOptions { Codec = ProtobufRpcCodec.Default });
        var telemetry = client.GetService<ITelemetry>();

        // Act
        var summary = await telemetry.SummarizeAsync(Readings.Range(3).ToAsyncEnumerable()).DefaultTimeout();

        // Assert
        Assert.Equal(3, summary.Count);
        await server.StopAsync(TimeSpan.Zero).DefaultTimeout();
    }

    /// <summary>A codec squatting on the protobuf id.</summary>
    private sealed class ImpostorCodec : RpcCodec
    {
        public override byte Id => CodecIds.Protobuf;

        public override string Name => "impostor";

        public override void Serialize(IBufferWriter<byte> output, object? value, Type type) => throw new NotSupportedException();

        public override object? Deserialize(ReadOnlySequence<byte> input, Type type) => throw new NotSupportedException();

        public override void SerializeArguments(IBufferWriter<byte> output, ReadOnlySpan<object?> arguments) =>
            throw new NotSupportedException();

        public override object?[] DeserializeArguments(ReadOnlySequence<byte> input, ReadOnlySpan<Type> parameterTypes) =>
            throw new NotSupportedException();
    }

    // A server on TCP whose only codec is Protobuf, serving one contract.
    private static RpcServerBuilder ProtobufOnly<TContract>(TContract implementation)
        where TContract : class =>
        new RpcServerBuilder()
            .AddService(implementation)
            .ListenTcp(IPAddress.Loopback, 0)
            .Configure(o =>
            {
                o.Codecs.Clear();
                o.Codecs.Add(ProtobufRpcCodec.Default);
            });
}

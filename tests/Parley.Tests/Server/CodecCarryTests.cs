using System.Buffers;
using System.Net;
using Parley.Client;
using Parley.Codecs;
using Parley.Server;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Server;

public sealed class CodecCarryTests
{
    [Fact]
    public void Build_NoCodecCanCarryAMethod_ThrowsNamingMethodAndReason()
    {
        var builder = new RpcServerBuilder()
            .AddService<ITestService>(new TestService())
            .ListenTcp(IPAddress.Loopback, 0)
            .Configure(o =>
            {
                o.Codecs.Clear();
                o.Codecs.Add(new StringsOnlyCodec());
            });

        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("TestService.Add", error.Message, StringComparison.Ordinal);
        Assert.Contains("strings-only: Int32 is not a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithCodecThatCannotCarryTheMethod_FailsWithUnimplemented()
    {
        await using var server = await TestServer.StartAsync(o => o.Codecs.Add(new StringsOnlyCodec()));
        await using var client = server.CreateClient();
        var options = new CallOptions { Codec = new StringsOnlyCodec() };

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", ["1", "2"], options)).DefaultTimeout();
        var echoed = await client.InvokeAsync<string>("TestService", "Echo", ["fine"], options).DefaultTimeout();

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("cannot be called with strings-only: Int32 is not a string", error.Detail, StringComparison.Ordinal);
        Assert.Equal("fine", echoed);
    }

    /// <summary>A codec for methods whose arguments and result are all strings (JSON on the wire, id 200).</summary>
    private sealed class StringsOnlyCodec : RpcCodec
    {
        public override byte Id => 200;

        public override string Name => "strings-only";

        public override bool CanCarry(ReadOnlySpan<Type> argumentTypes, Type? resultType, out string? reason)
        {
            foreach (var type in argumentTypes)
            {
                if (type != typeof(string))
                {
                    reason = $"{type.Name} is not a string";
                    return false;
                }
            }

            reason = resultType is null || resultType == typeof(string) ? null : $"{resultType.Name} is not a string";
            return reason is null;
        }

        public override void Serialize(IBufferWriter<byte> output, object? value, Type type) =>
            JsonRpcCodec.Default.Serialize(output, value, type);

        public override object? Deserialize(ReadOnlySequence<byte> input, Type type) => JsonRpcCodec.Default.Deserialize(input, type);

        public override void SerializeArguments(IBufferWriter<byte> output, ReadOnlySpan<object?> arguments) =>
            JsonRpcCodec.Default.SerializeArguments(output, arguments);

        public override object?[] DeserializeArguments(ReadOnlySequence<byte> input, ReadOnlySpan<Type> parameterTypes) =>
            JsonRpcCodec.Default.DeserializeArguments(input, parameterTypes);
    }
}

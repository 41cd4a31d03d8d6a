using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Parley.Protobuf.Tests.Protos;
using Parley.Protobuf.Tests.TestSupport;

namespace Parley.Protobuf.Tests.Codecs;

public sealed class ProtobufRpcCodecCanCarryTests
{
    private const string Shape = "the protobuf codec carries exactly one message in and one out";

    private readonly ProtobufRpcCodec _codec = ProtobufRpcCodec.Default;

    [Fact]
    public void CanCarry_MessageInMessageOut_IsTrue()
    {
        // Arrange, Act
        var carried = _codec.CanCarry([typeof(HelloRequest)], typeof(HelloReply), out var reason);

        // Assert
        Assert.True(carried);
        Assert.Null(reason);
    }

    [Fact]
    public void CanCarry_MessageInNothingOut_IsTrue()
    {
        // Arrange, Act
        var carried = _codec.CanCarry([typeof(Empty)], resultType: null, out var reason);

        // Assert
        Assert.True(carried);
        Assert.Null(reason);
    }

    [Fact]
    public void CanCarry_IntArgument_IsFalseNamingTheArgument()
    {
        // Arrange, Act
        var carried = _codec.CanCarry([typeof(int)], typeof(HelloReply), out var reason);

        // Assert
        Assert.False(carried);
        Assert.Equal($"argument 1 (Int32) is not a protobuf message; {Shape}", reason);
    }

    [Fact]
    public void CanCarry_TwoMessages_IsFalseWithTheCount()
    {
        // Arrange, Act
        var carried = _codec.CanCarry([typeof(HelloRequest), typeof(HelloRequest)], typeof(HelloReply), out var reason);

        // Assert
        Assert.False(carried);
        Assert.Equal($"the method takes 2 arguments (HelloRequest, HelloRequest); {Shape}", reason);
    }

    [Fact]
    public void CanCarry_NoArgument_IsFalseSuggestingEmpty()
    {
        // Arrange, Act
        var carried = _codec.CanCarry([], typeof(HelloReply), out var reason);

        // Assert
        Assert.False(carried);
        Assert.StartsWith("the method takes no argument; " + Shape, reason, StringComparison.Ordinal);
        Assert.Contains("google.protobuf.Empty", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CanCarry_StringResult_IsFalseNamingTheResult()
    {
        // Arrange, Act
        var carried = _codec.CanCarry([typeof(HelloRequest)], typeof(string), out var reason);

        // Assert
        Assert.False(carried);
        Assert.Equal($"the result (String) is not a protobuf message; {Shape}", reason);
    }

    [Fact]
    public void CanCarry_MessageInterfaceArgument_IsFalseAsNotConcrete()
    {
        // Arrange, Act
        var carried = _codec.CanCarry([typeof(IMessage)], typeof(HelloReply), out var reason);

        // Assert
        Assert.False(carried);
        Assert.Equal($"argument 1 (IMessage) is not a concrete protobuf message type, so its bytes cannot be parsed; {Shape}", reason);
    }

    [Fact]
    public void CanCarry_HandWrittenMessageWithoutParser_IsFalseAskingForGeneratedCode()
    {
        // Arrange, Act
        var carried = _codec.CanCarry([typeof(HandWrittenMessage)], typeof(HelloReply), out var reason);

        // Assert
        Assert.False(carried);
        Assert.Contains("argument 1 (HandWrittenMessage) has no public static Parser property", reason, StringComparison.Ordinal);
    }
}

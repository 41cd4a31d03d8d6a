using System.Buffers;
using Google.Protobuf;
using Parley.Codecs;
using Parley.Contracts;

namespace Parley.Protobuf;

/// <summary>
/// The Protocol Buffers codec (id 3) for contracts shaped like gRPC methods: exactly one Google.Protobuf message in, and
/// one message or nothing out. The payload is the message's own bytes, with no wrapper, exactly what
/// <c>message.ToByteArray()</c> gives; a method returning nothing has an empty payload. Thread-safe.
/// </summary>
/// <remarks>
/// Protobuf bytes do not say which message they hold, so decoding always needs the declared message type: a method's
/// parameter type on the server, the <c>TResult</c> of <c>InvokeAsync&lt;TResult&gt;</c> on the client. Each message
/// type's static <c>Parser</c> is looked up once and cached. Methods of any other shape are refused through
/// <see cref="CanCarry(RpcMethodDescriptor, out string?)"/>, at server build time and per call.
/// </remarks>
public sealed class ProtobufRpcCodec : RpcCodec
{
    private const string Shape = "the protobuf codec carries exactly one message in and one out";

    /// <summary>The shared instance. The codec has no settings, so this is the only one needed.</summary>
    public static ProtobufRpcCodec Default { get; } = new();

    /// <inheritdoc/>
    public override byte Id => CodecIds.Protobuf;

    /// <inheritdoc/>
    public override string Name => "protobuf";

    /// <summary>
    /// True when there is exactly one argument, of a concrete protobuf message type, and the result is such a type or
    /// nothing. Otherwise false, with a <paramref name="reason"/> that names the offending argument or result.
    /// </summary>
    public override bool CanCarry(ReadOnlySpan<Type> argumentTypes, Type? resultType, out string? reason)
    {
        if (argumentTypes.Length != 1)
        {
            reason = argumentTypes.Length == 0
                ? $"the method takes no argument; {Shape} (declare a google.protobuf.Empty parameter for \"no input\")"
                : $"the method takes {argumentTypes.Length} arguments ({TypeNames(argumentTypes)}); {Shape}";
            return false;
        }

        if (MessageTypes.Get(argumentTypes[0]).Problem is { } argumentProblem)
        {
            reason = $"argument 1 ({argumentTypes[0].Name}) {argumentProblem}; {Shape}";
            return false;
        }

        if (resultType is not null && MessageTypes.Get(resultType).Problem is { } resultProblem)
        {
            reason = $"the result ({resultType.Name}) {resultProblem}; {Shape}";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>
    /// For a streaming method: each stream message must be a protobuf message, and besides a request stream there may be
    /// no argument or exactly one message. Reasons name the stream whose item type is refused.
    /// </summary>
    public override bool CanCarry(RpcMethodDescriptor method, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Kind == RpcMethodKind.Unary)
        {
            return base.CanCarry(method, out reason);
        }

        if (method.RequestStreamType is { } requestItem && MessageTypes.Get(requestItem).Problem is { } requestProblem)
        {
            reason = $"the request stream's item type ({requestItem.Name}) {requestProblem}; {Shape}";
            return false;
        }

        if ((method.RequestStreamType is null || method.ArgumentTypes.Length > 0) && !CanCarry(method.ArgumentTypes, null, out reason))
        {
            return false;
        }

        if (method.ResultType is { } result && MessageTypes.Get(result).Problem is { } resultProblem)
        {
            reason = method.HasResponseStream
                ? $"the response stream's item type ({result.Name}) {resultProblem}; {Shape}"
                : $"the result ({result.Name}) {resultProblem}; {Shape}";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>Writes <paramref name="value"/>, a message of the declared <paramref name="type"/>, as its protobuf bytes.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null: protobuf has no null message.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a protobuf message of <paramref name="type"/>.</exception>
    public override void Serialize(IBufferWriter<byte> output, object? value, Type type)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(type);
        if (value is not IMessage message || !type.IsInstanceOfType(value))
        {
            throw value is null ? ProtobufErrors.NullValue(type, nameof(value)) : ProtobufErrors.WrongValue(value, type);
        }

        Write(output, message);
    }

    /// <summary>
    /// Parses the payload as the message type <paramref name="type"/>; an empty payload is that type's empty message.
    /// With <c>typeof(object)</c> only an empty payload (a method that returns nothing) is accepted, and gives null.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a concrete protobuf message type.</exception>
    /// <exception cref="NotSupportedException">The type is <c>object</c> and the payload is not empty.</exception>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a valid message of that type.</exception>
    public override object? Deserialize(ReadOnlySequence<byte> input, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type == typeof(object))
        {
            return input.IsEmpty ? null : throw ProtobufErrors.Untyped();
        }

        return ParserOf(type, nameof(type)).ParseFrom(input);
    }

    /// <summary>Writes the single message argument as its protobuf bytes.</summary>
    /// <exception cref="ArgumentException">There is not exactly one argument, or it is not a protobuf message.</exception>
    public override void SerializeArguments(IBufferWriter<byte> output, ReadOnlySpan<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Length != 1 || arguments[0] is not IMessage message)
        {
            throw ProtobufErrors.WrongArguments(arguments);
        }

        Write(output, message);
    }

    /// <summary>Parses the payload as the single message argument of type <paramref name="parameterTypes"/>[0].</summary>
    /// <exception cref="ArgumentException">There is not exactly one parameter type, or it is not a message type.</exception>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a valid message of that type.</exception>
    public override object?[] DeserializeArguments(ReadOnlySequence<byte> input, ReadOnlySpan<Type> parameterTypes)
    {
        if (parameterTypes.Length != 1)
        {
            throw ProtobufErrors.WrongParameterCount(parameterTypes.Length, nameof(parameterTypes));
        }

        return [ParserOf(parameterTypes[0], nameof(parameterTypes)).ParseFrom(input)];
    }

    private static string TypeNames(ReadOnlySpan<Type> types)
    {
        var names = new string[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            names[i] = types[i].Name;
        }

        return string.Join(", ", names);
    }

    private static MessageParser ParserOf(Type type, string paramName)
    {
        var messageType = MessageTypes.Get(type);
        return messageType.Parser ?? throw ProtobufErrors.NotAMessageType(messageType, paramName);
    }

    private static void Write(IBufferWriter<byte> output, IMessage message)
    {
        // Sizing first lets the whole message go into one span of the frame buffer, with no intermediate copy.
        var size = message.CalculateSize();
        if (size == 0)
        {
            return;
        }

        var span = output.GetSpan(size)[..size];
        message.WriteTo(span);
        output.Advance(size);
    }
}

namespace Parley.Protobuf;

/// <summary>The exceptions of <see cref="ProtobufRpcCodec"/>, built off the fast path.</summary>
internal static class ProtobufErrors
{
    public static ArgumentNullException NullValue(Type type, string paramName) =>
        new(paramName, $"a protobuf message cannot be null; send an empty {type.Name} instead");

    public static ArgumentException WrongValue(object value, Type type) =>
        value is Google.Protobuf.IMessage
            ? new($"the value is a {value.GetType().Name}, not the declared {type.Name}", nameof(value))
            : new($"the value ({value.GetType().Name}) is not a protobuf message", nameof(value));

    public static NotSupportedException Untyped() =>
        new("protobuf bytes do not say which message they hold, so protobuf needs a declared type: decode as the " +
            "message type (e.g. InvokeAsync<TReply>) rather than as object");

    public static ArgumentException WrongArguments(ReadOnlySpan<object?> arguments)
    {
        if (arguments.Length != 1)
        {
            return new($"the protobuf codec sends exactly one message argument; got {arguments.Length}", nameof(arguments));
        }

        return arguments[0] is null
            ? new("argument 1 is null; a protobuf message cannot be null", nameof(arguments))
            : new($"argument 1 ({arguments[0]!.GetType().Name}) is not a protobuf message", nameof(arguments));
    }

    public static ArgumentException WrongParameterCount(int count, string paramName) =>
        new($"the protobuf codec reads exactly one message argument; the method takes {count}", paramName);

    public static ArgumentException NotAMessageType(MessageType messageType, string paramName) =>
        new($"{messageType.Type.Name} {messageType.Problem}", paramName);
}

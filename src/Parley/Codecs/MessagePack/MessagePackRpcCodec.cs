using System.Buffers;
using Parley.Codecs.MessagePack.Formatters;

namespace Parley.Codecs.MessagePack;

/// <summary>
/// The MessagePack codec (id 2), implemented to the MessagePack specification. Arguments travel as one MessagePack
/// array, a result as one value; a void result is an empty payload. Values are mapped as docs/codecs.md describes:
/// integers in their smallest format, strings as str, byte arrays as bin, objects as maps of property names (or
/// arrays with <see cref="MessagePackKeyAttribute"/>), DateTime and DateTimeOffset as timestamps. Failures to read or
/// write throw <see cref="MessagePackSerializationException"/>. Thread-safe.
/// </summary>
public sealed class MessagePackRpcCodec : RpcCodec
{
    private readonly int _maxDepth;

    /// <summary>Creates the codec with <paramref name="options"/>, or the defaults when null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public MessagePackRpcCodec(MessagePackCodecOptions? options = null)
    {
        options ??= new MessagePackCodecOptions();
        options.Validate();
        _maxDepth = options.MaxDepth;
    }

    /// <summary>A shared instance with the default options.</summary>
    public static MessagePackRpcCodec Default { get; } = new();

    /// <inheritdoc/>
    public override byte Id => CodecIds.MessagePack;

    /// <inheritdoc/>
    public override string Name => "msgpack";

    /// <summary>The deepest nesting this codec reads or writes (see <see cref="MessagePackCodecOptions.MaxDepth"/>).</summary>
    public int MaxDepth => _maxDepth;

    /// <inheritdoc/>
    public override void Serialize(IBufferWriter<byte> output, object? value, Type type)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(type);
        var formatter = FormatterResolver.Get(type);
        if (value is not null && !type.IsInstanceOfType(value))
        {
            throw new MessagePackSerializationException(
                $"a {TypeNames.Display(value.GetType())} cannot be written as {TypeNames.Display(type)}");
        }

        var writer = new MessagePackWriter(output, _maxDepth);
        formatter.WriteObject(ref writer, value);
        writer.Flush();
    }

    /// <inheritdoc/>
    public override object? Deserialize(ReadOnlySequence<byte> input, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var formatter = FormatterResolver.Get(type);
        if (input.IsEmpty)
        {
            return formatter.DefaultValue;
        }

        var reader = new MessagePackReader(input, _maxDepth);
        var value = formatter.ReadObject(ref reader);
        reader.EnsureEnd();
        return value;
    }

    /// <inheritdoc/>
    public override void SerializeArguments(IBufferWriter<byte> output, ReadOnlySpan<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new MessagePackWriter(output, _maxDepth);
        writer.EnterContainer();
        writer.WriteArrayHeader(arguments.Length);
        var natural = FormatterCache<object?>.Formatter;
        foreach (var argument in arguments)
        {
            natural.Write(ref writer, argument);
        }

        writer.ExitContainer();
        writer.Flush();
    }

    /// <inheritdoc/>
    public override object?[] DeserializeArguments(ReadOnlySequence<byte> input, ReadOnlySpan<Type> parameterTypes)
    {
        if (input.IsEmpty)
        {
            return parameterTypes.Length == 0 ? [] : throw CountMismatch(parameterTypes.Length, 0);
        }

        var reader = new MessagePackReader(input, _maxDepth);
        var offset = reader.Consumed;
        var count = reader.ReadArrayHeader("the argument list");
        if (count != parameterTypes.Length)
        {
            throw CountMismatch(parameterTypes.Length, count);
        }

        reader.EnterContainer(offset);
        var values = new object?[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = FormatterResolver.Get(parameterTypes[i]).ReadObject(ref reader);
        }

        reader.ExitContainer();
        reader.EnsureEnd();
        return values;
    }

    /// <summary>
    /// Says no, with the reason, for a method whose argument or result types (or a type they contain) have no
    /// MessagePack mapping: pointers, delegates, multi-dimensional arrays, abstract types other than the supported
    /// collection interfaces, framework types without a mapping, and objects that cannot be created when reading.
    /// </summary>
    public override bool CanCarry(ReadOnlySpan<Type> argumentTypes, Type? resultType, out string? reason)
    {
        foreach (var type in argumentTypes)
        {
            if ((reason = FormatterResolver.WhyNotSupported(type)) is not null)
            {
                return false;
            }
        }

        reason = resultType is null ? null : FormatterResolver.WhyNotSupported(resultType);
        return reason is null;
    }

    private static MessagePackSerializationException CountMismatch(int expected, int actual) =>
        new($"expected {expected} argument(s), got {actual}");
}

using System.Collections;
using System.Reflection;

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// Builds the formatter of a type (reflection happens here, once per type): primitives, enums, nullables, arrays,
/// lists, dictionaries and their interfaces, <c>object</c>, and everything else as an object of properties.
/// A type the codec cannot carry gets a formatter that fails with the reason.
/// </summary>
internal static class FormatterFactory
{
    private static readonly Dictionary<Type, MessagePackFormatter> Primitives = new()
    {
        [typeof(bool)] = new BooleanFormatter(),
        [typeof(byte)] = new ByteFormatter(),
        [typeof(sbyte)] = new SByteFormatter(),
        [typeof(short)] = new Int16Formatter(),
        [typeof(ushort)] = new UInt16Formatter(),
        [typeof(int)] = new Int32Formatter(),
        [typeof(uint)] = new UInt32Formatter(),
        [typeof(long)] = new Int64Formatter(),
        [typeof(ulong)] = new UInt64Formatter(),
        [typeof(float)] = new SingleFormatter(),
        [typeof(double)] = new DoubleFormatter(),
        [typeof(char)] = new CharFormatter(),
        [typeof(string)] = new StringFormatter(),
        [typeof(decimal)] = new DecimalFormatter(),
        [typeof(Guid)] = new GuidFormatter(),
        [typeof(DateTime)] = new DateTimeFormatter(),
        [typeof(DateTimeOffset)] = new DateTimeOffsetFormatter(),
        [typeof(MessagePackTimestamp)] = new TimestampFormatter(),
        [typeof(MessagePackExtension)] = new ExtensionFormatter(),
        [typeof(byte[])] = new ByteArrayFormatter(),
        [typeof(ReadOnlyMemory<byte>)] = new ReadOnlyMemoryFormatter(),
        [typeof(Memory<byte>)] = new MemoryFormatter(),
        [typeof(object)] = new NaturalFormatter(),
        [typeof(IDictionary)] = new NonGenericDictionaryFormatter(),
    };

    private static readonly MethodInfo CreateObjectMethod =
        typeof(FormatterFactory).GetMethod(nameof(CreateObject), 1, BindingFlags.NonPublic | BindingFlags.Static, null, Type.EmptyTypes, null)!;

    public static MessagePackFormatter Create(Type type)
    {
        if (Primitives.TryGetValue(type, out var primitive))
        {
            return primitive;
        }

        if (type.IsPointer || type.IsByRef || type.IsByRefLike || type.ContainsGenericParameters || type == typeof(void))
        {
            return new UnsupportedFormatter<object>($"{TypeNames.Display(type)} cannot be serialized");
        }

        if (type.IsEnum)
        {
            return Make(typeof(EnumFormatter<>), [type]);
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Make(typeof(NullableFormatter<>), [underlying]);
        }

        if (type.IsArray)
        {
            return type.IsSZArray
                ? Make(typeof(ArrayFormatter<>), [type.GetElementType()!])
                : Unsupported(type, "it is a multi-dimensional array; use a jagged array");
        }

        if (type == typeof(IList) || type == typeof(ICollection) || type == typeof(IEnumerable))
        {
            return Make(typeof(NonGenericListFormatter<>), [type]);
        }

        return type.IsGenericType ? CreateGeneric(type) : CreateObject(type);
    }

    private static MessagePackFormatter CreateGeneric(Type type)
    {
        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        if (definition == typeof(List<>))
        {
            return Make(typeof(ListFormatter<>), arguments);
        }

        if (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
        {
            return Make(typeof(DictionaryFormatter<,,>), [type, arguments[0], arguments[1]]);
        }

        if (definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IReadOnlyList<>))
        {
            return Make(typeof(CollectionInterfaceFormatter<,>), [type, arguments[0]], false);
        }

        if (definition == typeof(ICollection<>) || definition == typeof(IList<>))
        {
            return Make(typeof(CollectionInterfaceFormatter<,>), [type, arguments[0]], true);
        }

        return CreateObject(type);
    }

    private static MessagePackFormatter CreateObject(Type type)
    {
        try
        {
            return (MessagePackFormatter)CreateObjectMethod.MakeGenericMethod(type).Invoke(null, null)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            // Building accessors can fail for shapes the checks above do not foresee; say so for this type only.
            return Unsupported(type, ex.InnerException.Message);
        }
    }

    private static MessagePackFormatter CreateObject<T>()
    {
        var layout = ObjectLayoutBuilder.Build<T>(out var reason);
        return layout is null
            ? new UnsupportedFormatter<T>($"{TypeNames.Display(typeof(T))} is not supported by the MessagePack codec: {reason}")
            : new ObjectFormatter<T>(layout);
    }

    private static MessagePackFormatter Make(Type definition, Type[] arguments, params object?[] constructorArguments) =>
        (MessagePackFormatter)Activator.CreateInstance(definition.MakeGenericType(arguments), constructorArguments)!;

    private static MessagePackFormatter Unsupported(Type type, string reason) =>
        Make(typeof(UnsupportedFormatter<>), [type], $"{TypeNames.Display(type)} is not supported by the MessagePack codec: {reason}");
}

namespace Parley.Codecs.MessagePack;

internal ref partial struct MessagePackReader
{
    /// <summary>Reads an array header. A count larger than the remaining bytes (each element takes one at least) fails.</summary>
    public int ReadArrayHeader(string target = "an array")
    {
        var offset = Consumed;
        var code = ReadCode();
        long count = code switch
        {
            >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray => code & 0x0f,
            MessagePackCode.Array16 => (long)ReadBigEndian(2),
            MessagePackCode.Array32 => (long)ReadBigEndian(4),
            _ => throw WrongType(code, "array", target, offset),
        };
        if (count > Remaining)
        {
            throw new MessagePackSerializationException(
                $"an array of {count} elements cannot fit in the {Remaining} remaining bytes", offset);
        }

        return (int)count;
    }

    /// <summary>Reads a map header. A count larger than half the remaining bytes (two per entry at least) fails.</summary>
    public int ReadMapHeader(string target = "a map")
    {
        var offset = Consumed;
        var code = ReadCode();
        long count = code switch
        {
            >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap => code & 0x0f,
            MessagePackCode.Map16 => (long)ReadBigEndian(2),
            MessagePackCode.Map32 => (long)ReadBigEndian(4),
            _ => throw WrongType(code, "map", target, offset),
        };
        if (count * 2 > Remaining)
        {
            throw new MessagePackSerializationException(
                $"a map of {count} entries cannot fit in the {Remaining} remaining bytes", offset);
        }

        return (int)count;
    }

    public bool ReadBoolean()
    {
        var offset = Consumed;
        return ReadCode() switch
        {
            MessagePackCode.True => true,
            MessagePackCode.False => false,
            var code => throw WrongType(code, "bool", nameof(Boolean), offset),
        };
    }

    /// <summary>Reads any int format as a signed 64-bit value; a uint 64 above <see cref="long.MaxValue"/> fails.</summary>
    public long ReadInt64(string target = nameof(Int64)) => ReadInteger(long.MinValue, long.MaxValue, target);

    /// <summary>Reads any int format into [<paramref name="min"/>, <paramref name="max"/>]; a value outside fails.</summary>
    public long ReadInteger(long min, long max, string target)
    {
        var offset = Consumed;
        var value = ReadIntegerCore(target, offset, out var isLargeUnsigned);
        if (isLargeUnsigned || value < min || value > max)
        {
            throw Overflow(value, isLargeUnsigned, target, offset);
        }

        return value;
    }

    /// <summary>Reads any int format as an unsigned value; a negative one fails.</summary>
    public ulong ReadUInt64(ulong max = ulong.MaxValue, string target = nameof(UInt64))
    {
        var offset = Consumed;
        var value = ReadIntegerCore(target, offset, out var isLargeUnsigned);
        if (isLargeUnsigned ? (ulong)value > max : value < 0 || (ulong)value > max)
        {
            throw Overflow(value, isLargeUnsigned, target, offset);
        }

        return (ulong)value;
    }

    /// <summary>Reads an integer as <see cref="long"/>, or as <see cref="ulong"/> above <see cref="long.MaxValue"/>.</summary>
    public object ReadNaturalInteger()
    {
        var value = ReadIntegerCore("an untyped value", Consumed, out var isLargeUnsigned);
        return isLargeUnsigned ? (ulong)value : value;
    }

    /// <summary>Reads float 32, float 64 or any int (converted, as a peer without a float type may send 1 for 1.0).</summary>
    public double ReadDouble(string target = nameof(Double))
    {
        var offset = Consumed;
        switch (PeekCode())
        {
            case MessagePackCode.Float32:
                Advance(1);
                return BitConverter.UInt32BitsToSingle((uint)ReadBigEndian(4));
            case MessagePackCode.Float64:
                Advance(1);
                return BitConverter.UInt64BitsToDouble(ReadBigEndian(8));
            case var code when MessagePackFormat.TypeOf(code) == MessagePackType.Integer:
                var value = ReadIntegerCore(target, offset, out var isLargeUnsigned);
                return isLargeUnsigned ? (ulong)value : value;
            case var code:
                throw WrongType(code, "float", target, offset);
        }
    }

    /// <summary>Reads a str; nil gives null.</summary>
    public string? ReadString(string target = nameof(String))
    {
        if (TryReadNil())
        {
            return null;
        }

        var offset = Consumed;
        var length = ReadBytesHeader(out var type, target);
        if (type != MessagePackType.String)
        {
            throw new MessagePackSerializationException($"expected str for {target} but found bin", offset);
        }

        return ReadUtf8(length, offset);
    }

    /// <summary>Reads a str that must not be nil.</summary>
    public string ReadNonNilString(string target)
    {
        var code = PeekCode();
        return code == MessagePackCode.Nil ? throw WrongType(code, "str", target, Consumed) : ReadString(target)!;
    }

    /// <summary>Reads a bin (or a str, which peers on the old specification use for raw bytes); nil gives null.</summary>
    public byte[]? ReadBinary()
    {
        return TryReadNil() ? null : ReadRawBytes(ReadBytesHeader(out _, "bytes"));
    }

    /// <summary>Reads a str or bin header; the length is checked against the remaining bytes.</summary>
    public int ReadBytesHeader(out MessagePackType type, string target)
    {
        var offset = Consumed;
        var code = ReadCode();
        long length;
        type = MessagePackType.String;
        switch (code)
        {
            case >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr:
                length = code & 0x1f;
                break;
            case MessagePackCode.Str8:
                length = (long)ReadBigEndian(1);
                break;
            case MessagePackCode.Str16:
                length = (long)ReadBigEndian(2);
                break;
            case MessagePackCode.Str32:
                length = (long)ReadBigEndian(4);
                break;
            case MessagePackCode.Bin8 or MessagePackCode.Bin16 or MessagePackCode.Bin32:
                type = MessagePackType.Binary;
                length = (long)ReadBigEndian(1 << (code - MessagePackCode.Bin8));
                break;
            default:
                throw WrongType(code, "str", target, offset);
        }

        return CheckLength(length, type == MessagePackType.String ? "str" : "bin", offset);
    }

    private long ReadIntegerCore(string target, long offset, out bool isLargeUnsigned)
    {
        isLargeUnsigned = false;
        var code = ReadCode();
        switch (code)
        {
            case <= MessagePackCode.MaxPositiveFixInt:
                return code;
            case >= MessagePackCode.MinNegativeFixInt:
                return unchecked((sbyte)code);
            case MessagePackCode.UInt8:
            case MessagePackCode.UInt16:
            case MessagePackCode.UInt32:
                return (long)ReadBigEndian(1 << (code - MessagePackCode.UInt8));
            case MessagePackCode.UInt64:
                var unsigned = ReadBigEndian(8);
                isLargeUnsigned = unsigned > long.MaxValue;
                return unchecked((long)unsigned);
            case MessagePackCode.Int8:
                return unchecked((sbyte)ReadBigEndian(1));
            case MessagePackCode.Int16:
                return unchecked((short)ReadBigEndian(2));
            case MessagePackCode.Int32:
                return unchecked((int)ReadBigEndian(4));
            case MessagePackCode.Int64:
                return unchecked((long)ReadBigEndian(8));
            default:
                throw WrongType(code, "int", target, offset);
        }
    }

    private readonly int CheckLength(long length, string what, long offset)
    {
        if (length > Remaining)
        {
            throw new MessagePackSerializationException(
                $"a {what} of {length} bytes cannot fit in the {Remaining} remaining bytes", offset);
        }

        return (int)length;
    }

    private static MessagePackSerializationException WrongType(byte code, string expected, string target, long offset) =>
        new($"expected {expected} for {target} but found {MessagePackFormat.Describe(code)}", offset);

    private static MessagePackSerializationException Overflow(long value, bool isLargeUnsigned, string target, long offset) =>
        new($"the integer {(isLargeUnsigned ? ((ulong)value).ToString(System.Globalization.CultureInfo.InvariantCulture) : value.ToString(System.Globalization.CultureInfo.InvariantCulture))} does not fit in {target}", offset);
}

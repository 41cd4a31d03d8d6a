namespace Parley.Codecs.MessagePack;

internal ref partial struct MessagePackReader
{
    /// <summary>Reads an ext header (fixext 1 to 16, ext 8/16/32); the data length is checked against the remaining bytes.</summary>
    public int ReadExtensionHeader(out sbyte type, string target = "an extension")
    {
        var offset = Consumed;
        var code = ReadCode();
        long length = code switch
        {
            >= MessagePackCode.FixExt1 and <= MessagePackCode.FixExt16 => 1 << (code - MessagePackCode.FixExt1),
            MessagePackCode.Ext8 => (long)ReadBigEndian(1),
            MessagePackCode.Ext16 => (long)ReadBigEndian(2),
            MessagePackCode.Ext32 => (long)ReadBigEndian(4),
            _ => throw WrongType(code, "ext", target, offset),
        };
        type = unchecked((sbyte)ReadBigEndian(1));
        return CheckLength(length, "ext", offset);
    }

    /// <summary>Reads any extension as its type and a copy of its bytes.</summary>
    public MessagePackExtension ReadExtension()
    {
        var length = ReadExtensionHeader(out var type);
        return MessagePackExtension.Own(type, ReadRawBytes(length));
    }

    /// <summary>Reads a timestamp extension (type -1) in its 32, 64 or 96-bit form.</summary>
    public MessagePackTimestamp ReadTimestamp(string target)
    {
        var offset = Consumed;
        var length = ReadExtensionHeader(out var type, target);
        if (type != MessagePackCode.TimestampType)
        {
            throw new MessagePackSerializationException($"expected a timestamp (ext -1) for {target} but found ext {type}", offset);
        }

        return ReadTimestampData(length, offset);
    }

    /// <summary>Reads the data of a timestamp extension whose header has been read.</summary>
    public MessagePackTimestamp ReadTimestampData(int length, long offset)
    {
        long seconds;
        ulong nanoseconds;
        switch (length)
        {
            case 4:
                seconds = (long)ReadBigEndian(4);
                nanoseconds = 0;
                break;
            case 8:
                var data64 = ReadBigEndian(8);
                nanoseconds = data64 >> 34;
                seconds = (long)(data64 & 0x3_ffff_ffff);
                break;
            case 12:
                nanoseconds = ReadBigEndian(4);
                seconds = unchecked((long)ReadBigEndian(8));
                break;
            default:
                throw new MessagePackSerializationException(
                    $"a timestamp has 4, 8 or 12 bytes of data, not {length}", offset);
        }

        if (nanoseconds > 999_999_999)
        {
            throw new MessagePackSerializationException(
                $"a timestamp's nanoseconds must be below 1,000,000,000, not {nanoseconds}", offset);
        }

        return new MessagePackTimestamp(seconds, (uint)nanoseconds);
    }
}

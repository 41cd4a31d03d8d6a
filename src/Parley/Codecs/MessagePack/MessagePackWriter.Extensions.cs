using System.Buffers.Binary;

namespace Parley.Codecs.MessagePack;

internal ref partial struct MessagePackWriter
{
    /// <summary>Writes an extension: fixext for 1, 2, 4, 8 and 16 bytes, otherwise the smallest ext 8/16/32.</summary>
    public void WriteExtension(sbyte type, scoped ReadOnlySpan<byte> data)
    {
        var fixCode = data.Length switch
        {
            1 => MessagePackCode.FixExt1,
            2 => MessagePackCode.FixExt2,
            4 => MessagePackCode.FixExt4,
            8 => MessagePackCode.FixExt8,
            16 => MessagePackCode.FixExt16,
            _ => (byte)0,
        };
        if (fixCode != 0)
        {
            Reserve(1)[0] = fixCode;
        }
        else if (data.Length <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Ext8;
            span[1] = (byte)data.Length;
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Ext16, MessagePackCode.Ext32, data.Length);
        }

        Reserve(1)[0] = unchecked((byte)type);
        WriteRaw(data);
    }

    /// <summary>
    /// Writes the timestamp extension in the smallest of its forms, as the specification's pseudo code does:
    /// 32-bit for whole seconds in [0, 2^32), 64-bit for seconds in [0, 2^34), 96-bit otherwise.
    /// </summary>
    public void WriteTimestamp(MessagePackTimestamp value)
    {
        Span<byte> data = stackalloc byte[12];
        var seconds = value.Seconds;
        if ((ulong)seconds >> 34 == 0)
        {
            var data64 = ((ulong)value.Nanoseconds << 34) | (ulong)seconds;
            if ((data64 & 0xffffffff00000000) == 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(data, (uint)data64);
                WriteExtension(MessagePackCode.TimestampType, data[..4]);
            }
            else
            {
                BinaryPrimitives.WriteUInt64BigEndian(data, data64);
                WriteExtension(MessagePackCode.TimestampType, data[..8]);
            }
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(data, value.Nanoseconds);
            BinaryPrimitives.WriteInt64BigEndian(data[4..], seconds);
            WriteExtension(MessagePackCode.TimestampType, data);
        }
    }
}

using System.Runtime.CompilerServices;

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// An enum as its underlying integer (smallest int format). Reads any int that fits the underlying type, defined
/// member or not, as the JSON codec accepts any number.
/// </summary>
internal sealed class EnumFormatter<T> : MessagePackFormatter<T>
    where T : struct, Enum
{
    private static readonly TypeCode Underlying = Type.GetTypeCode(Enum.GetUnderlyingType(typeof(T)));
    private static readonly string Name = TypeNames.Display(typeof(T));

    public override void Write(ref MessagePackWriter writer, T value)
    {
        switch (Underlying)
        {
            case TypeCode.SByte:
                writer.WriteInt64(Unsafe.As<T, sbyte>(ref value));
                break;
            case TypeCode.Int16:
                writer.WriteInt64(Unsafe.As<T, short>(ref value));
                break;
            case TypeCode.Int32:
                writer.WriteInt64(Unsafe.As<T, int>(ref value));
                break;
            case TypeCode.Int64:
                writer.WriteInt64(Unsafe.As<T, long>(ref value));
                break;
            case TypeCode.Byte:
                writer.WriteUInt64(Unsafe.As<T, byte>(ref value));
                break;
            case TypeCode.UInt16 or TypeCode.Char:
                writer.WriteUInt64(Unsafe.As<T, ushort>(ref value));
                break;
            case TypeCode.UInt32:
                writer.WriteUInt64(Unsafe.As<T, uint>(ref value));
                break;
            default:
                writer.WriteUInt64(Unsafe.As<T, ulong>(ref value));
                break;
        }
    }

    public override T Read(ref MessagePackReader reader)
    {
        switch (Underlying)
        {
            case TypeCode.SByte:
                var int8 = (sbyte)reader.ReadInteger(sbyte.MinValue, sbyte.MaxValue, Name);
                return Unsafe.As<sbyte, T>(ref int8);
            case TypeCode.Int16:
                var int16 = (short)reader.ReadInteger(short.MinValue, short.MaxValue, Name);
                return Unsafe.As<short, T>(ref int16);
            case TypeCode.Int32:
                var int32 = (int)reader.ReadInteger(int.MinValue, int.MaxValue, Name);
                return Unsafe.As<int, T>(ref int32);
            case TypeCode.Int64:
                var int64 = reader.ReadInt64(Name);
                return Unsafe.As<long, T>(ref int64);
            case TypeCode.Byte:
                var uint8 = (byte)reader.ReadUInt64(byte.MaxValue, Name);
                return Unsafe.As<byte, T>(ref uint8);
            case TypeCode.UInt16 or TypeCode.Char:
                var uint16 = (ushort)reader.ReadUInt64(ushort.MaxValue, Name);
                return Unsafe.As<ushort, T>(ref uint16);
            case TypeCode.UInt32:
                var uint32 = (uint)reader.ReadUInt64(uint.MaxValue, Name);
                return Unsafe.As<uint, T>(ref uint32);
            default:
                var uint64 = reader.ReadUInt64(ulong.MaxValue, Name);
                return Unsafe.As<ulong, T>(ref uint64);
        }
    }
}

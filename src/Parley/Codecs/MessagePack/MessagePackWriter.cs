using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Parley.Codecs.MessagePack;

/// <summary>
/// Writes MessagePack values to an <see cref="IBufferWriter{T}"/>, each in the smallest format that holds it (as the
/// reference implementations do). Bytes are staged in the span last obtained from the output and committed by
/// <see cref="Flush"/>, which the caller must call once at the end. Counts nesting so that a cyclic object graph
/// fails with an error instead of overflowing the stack.
/// </summary>
internal ref partial struct MessagePackWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly IBufferWriter<byte> _output;
    private readonly int _maxDepth;
    private Span<byte> _buffer;
    private int _buffered;
    private int _depth;

    public MessagePackWriter(IBufferWriter<byte> output, int maxDepth)
    {
        _output = output;
        _maxDepth = maxDepth;
    }

    /// <summary>Commits the staged bytes to the output.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
        }

        _buffered = 0;
        _buffer = default;
    }

    public void WriteNil() => Reserve(1)[0] = MessagePackCode.Nil;

    public void WriteBoolean(bool value) => Reserve(1)[0] = value ? MessagePackCode.True : MessagePackCode.False;

    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
        }
        else if (value >= -32)
        {
            Reserve(1)[0] = unchecked((byte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Int8;
            span[1] = unchecked((byte)value);
        }
        else if (value >= short.MinValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
        }
        else if (value >= int.MinValue)
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
        }
        else
        {
            var span = Reserve(9);
            span[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
        }
    }

    public void WriteUInt64(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            Reserve(1)[0] = (byte)value;
        }
        else if (value <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.UInt8;
            span[1] = (byte)value;
        }
        else if (value <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
        }
        else
        {
            var span = Reserve(9);
            span[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
        }
    }

    public void WriteSingle(float value)
    {
        var span = Reserve(5);
        span[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
    }

    public void WriteDouble(double value)
    {
        var span = Reserve(9);
        span[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
    }

    /// <summary>Writes a str (UTF-8). A lone surrogate cannot be UTF-8, so it fails instead of being replaced silently.</summary>
    public void WriteString(scoped ReadOnlySpan<char> value)
    {
        try
        {
            // Up to 10 chars make at most 30 bytes, so a fixstr header fits whatever the text: encode in one pass.
            if (value.Length <= 10)
            {
                var span = Reserve(1 + (value.Length * 3));
                var length = StrictUtf8.GetBytes(value, span[1..]);
                span[0] = (byte)(MessagePackCode.MinFixStr | length);
                _buffered -= (value.Length * 3) - length;
                return;
            }

            var byteCount = StrictUtf8.GetByteCount(value);
            WriteStringHeader(byteCount);
            var written = StrictUtf8.GetBytes(value, Reserve(byteCount));
            _buffered -= byteCount - written;
        }
        catch (EncoderFallbackException ex)
        {
            throw new MessagePackSerializationException("a string with a lone surrogate cannot be written as UTF-8", ex);
        }
    }

    public void WriteStringHeader(int byteCount)
    {
        if (byteCount <= 31)
        {
            Reserve(1)[0] = (byte)(MessagePackCode.MinFixStr | byteCount);
        }
        else if (byteCount <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Str8;
            span[1] = (byte)byteCount;
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Str16, MessagePackCode.Str32, byteCount);
        }
    }

    public void WriteBinary(scoped ReadOnlySpan<byte> value)
    {
        if (value.Length <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Bin8;
            span[1] = (byte)value.Length;
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Bin16, MessagePackCode.Bin32, value.Length);
        }

        WriteRaw(value);
    }

    public void WriteArrayHeader(int count)
    {
        if (count <= 15)
        {
            Reserve(1)[0] = (byte)(MessagePackCode.MinFixArray | count);
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Array16, MessagePackCode.Array32, count);
        }
    }

    public void WriteMapHeader(int count)
    {
        if (count <= 15)
        {
            Reserve(1)[0] = (byte)(MessagePackCode.MinFixMap | count);
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Map16, MessagePackCode.Map32, count);
        }
    }

    /// <summary>Counts one more level of nesting; call before writing a container's elements.</summary>
    public void EnterContainer()
    {
        if (++_depth > _maxDepth)
        {
            ThrowTooDeep(_maxDepth);
        }
    }

    public void ExitContainer() => _depth--;

    private void WriteLengthHeader(byte code16, byte code32, int length)
    {
        if (length <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
        }
        else
        {
            var span = Reserve(5);
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
        }
    }

    /// <summary>Writes bytes as they are: a value encoded earlier, such as a property name with its str header.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> data)
    {
        if (!data.IsEmpty)
        {
            data.CopyTo(Reserve(data.Length));
        }
    }

    /// <summary>Returns the next <paramref name="size"/> bytes of the staging span, counted as written.</summary>
    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _buffered < size)
        {
            Flush();
            _buffer = _output.GetSpan(size);
        }

        var span = _buffer.Slice(_buffered, size);
        _buffered += size;
        return span;
    }

    [DoesNotReturn]
    private static void ThrowTooDeep(int maxDepth) =>
        throw new MessagePackSerializationException(
            $"the value nests deeper than the limit of {maxDepth} levels (is there a reference cycle?)");
}

using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Parley.Codecs.MessagePack;

/// <summary>
/// Reads MessagePack values from a <see cref="ReadOnlySequence{T}"/>: straight from a span when the input is one segment
/// (the common case: a frame payload), through a <see cref="SequenceReader{T}"/> otherwise. Every length read from the
/// data is checked against the bytes that remain before anything is allocated, nesting is limited, and every failure
/// is a <see cref="MessagePackSerializationException"/> naming the byte offset.
/// </summary>
internal ref partial struct MessagePackReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _span;
    private readonly bool _isSingleSegment;
    private readonly int _maxDepth;
    private SequenceReader<byte> _sequence;
    private int _position;
    private int _depth;

    public MessagePackReader(ReadOnlySequence<byte> input, int maxDepth)
    {
        _maxDepth = maxDepth;
        _isSingleSegment = input.IsSingleSegment;
        if (_isSingleSegment)
        {
            _span = input.FirstSpan;
        }
        else
        {
            _sequence = new SequenceReader<byte>(input);
        }
    }

    /// <summary>Bytes read so far: the offset of the next value.</summary>
    public readonly long Consumed => _isSingleSegment ? _position : _sequence.Consumed;

    /// <summary>Bytes left to read.</summary>
    public readonly long Remaining => _isSingleSegment ? _span.Length - _position : _sequence.Remaining;

    /// <summary>The family of the next value, without consuming it.</summary>
    public readonly MessagePackType PeekType() => MessagePackFormat.TypeOf(PeekCode());

    /// <summary>The first byte of the next value, without consuming it.</summary>
    public readonly byte PeekCode()
    {
        if (_isSingleSegment)
        {
            if (_position >= _span.Length)
            {
                throw Truncated(_position);
            }

            return _span[_position];
        }

        return _sequence.TryPeek(out var code) ? code : throw Truncated(_sequence.Consumed);
    }

    /// <summary>Consumes a nil and returns true, or returns false leaving any other value in place.</summary>
    public bool TryReadNil()
    {
        if (PeekCode() != MessagePackCode.Nil)
        {
            return false;
        }

        Advance(1);
        return true;
    }

    /// <summary>Counts one more level of nesting; call after reading a container's header.</summary>
    public void EnterContainer(long offset)
    {
        if (++_depth > _maxDepth)
        {
            throw new MessagePackSerializationException($"the data nests deeper than the limit of {_maxDepth} levels", offset);
        }
    }

    public void ExitContainer() => _depth--;

    /// <summary>Skips one value, whatever it is, including everything nested in it.</summary>
    public void Skip()
    {
        var offset = Consumed;
        switch (PeekType())
        {
            case MessagePackType.Array:
                var count = ReadArrayHeader();
                EnterContainer(offset);
                for (var i = 0; i < count; i++)
                {
                    Skip();
                }

                ExitContainer();
                break;
            case MessagePackType.Map:
                var entries = ReadMapHeader();
                EnterContainer(offset);
                for (var i = 0; i < entries; i++)
                {
                    Skip();
                    Skip();
                }

                ExitContainer();
                break;
            case MessagePackType.String:
            case MessagePackType.Binary:
                SkipRaw(ReadBytesHeader(out _, "a value"));
                break;
            case MessagePackType.Extension:
                SkipRaw(ReadExtensionHeader(out _));
                break;
            case MessagePackType.Invalid:
                throw new MessagePackSerializationException("the byte 0xc1 is never used in MessagePack", offset);
            default:
                SkipScalar();
                break;
        }
    }

    /// <summary>Fails unless every byte has been read: a payload holds exactly one value.</summary>
    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw new MessagePackSerializationException($"{Remaining} unexpected byte(s) after the value", Consumed);
        }
    }

    private void SkipScalar()
    {
        var code = ReadCode();
        var size = code switch
        {
            MessagePackCode.UInt8 or MessagePackCode.Int8 => 1,
            MessagePackCode.UInt16 or MessagePackCode.Int16 => 2,
            MessagePackCode.UInt32 or MessagePackCode.Int32 or MessagePackCode.Float32 => 4,
            MessagePackCode.UInt64 or MessagePackCode.Int64 or MessagePackCode.Float64 => 8,
            _ => 0,
        };
        SkipRaw(size);
    }

    private byte ReadCode()
    {
        var code = PeekCode();
        Advance(1);
        return code;
    }

    /// <summary>Reads a big-endian unsigned integer of 1, 2, 4 or 8 bytes.</summary>
    private ulong ReadBigEndian(int size)
    {
        if (Remaining < size)
        {
            throw Truncated(Consumed);
        }

        ulong value;
        if (_isSingleSegment)
        {
            var span = _span.Slice(_position, size);
            value = size switch
            {
                1 => span[0],
                2 => BinaryPrimitives.ReadUInt16BigEndian(span),
                4 => BinaryPrimitives.ReadUInt32BigEndian(span),
                _ => BinaryPrimitives.ReadUInt64BigEndian(span),
            };
            _position += size;
            return value;
        }

        Span<byte> scratch = stackalloc byte[8];
        _sequence.TryCopyTo(scratch[..size]);
        _sequence.Advance(size);
        value = size switch
        {
            1 => scratch[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(scratch),
            4 => BinaryPrimitives.ReadUInt32BigEndian(scratch),
            _ => BinaryPrimitives.ReadUInt64BigEndian(scratch),
        };
        return value;
    }

    /// <summary>Reads <paramref name="length"/> raw bytes (already checked against <see cref="Remaining"/>) into a new array.</summary>
    public byte[] ReadRawBytes(int length)
    {
        var bytes = length == 0 ? [] : new byte[length];
        if (_isSingleSegment)
        {
            _span.Slice(_position, length).CopyTo(bytes);
            _position += length;
        }
        else
        {
            _sequence.TryCopyTo(bytes);
            _sequence.Advance(length);
        }

        return bytes;
    }

    /// <summary>
    /// When the next <paramref name="length"/> bytes (already checked against <see cref="Remaining"/>) are contiguous in
    /// the input, consumes them and returns them in place; otherwise returns false having consumed nothing.
    /// </summary>
    public bool TryReadRawInPlace(int length, out ReadOnlySpan<byte> bytes)
    {
        if (_isSingleSegment)
        {
            bytes = _span.Slice(_position, length);
            _position += length;
            return true;
        }

        if (_sequence.UnreadSpan.Length >= length)
        {
            bytes = _sequence.UnreadSpan[..length];
            _sequence.Advance(length);
            return true;
        }

        bytes = default;
        return false;
    }

    /// <summary>Copies the next <paramref name="destination"/>.Length bytes (already checked) and consumes them.</summary>
    public void ReadRawInto(scoped Span<byte> destination)
    {
        if (_isSingleSegment)
        {
            _span.Slice(_position, destination.Length).CopyTo(destination);
            _position += destination.Length;
        }
        else
        {
            _sequence.TryCopyTo(destination);
            _sequence.Advance(destination.Length);
        }
    }

    /// <summary>Decodes <paramref name="length"/> bytes (already checked against <see cref="Remaining"/>) as strict UTF-8.</summary>
    private string ReadUtf8(int length, long offset)
    {
        try
        {
            string text;
            if (_isSingleSegment)
            {
                text = StrictUtf8.GetString(_span.Slice(_position, length));
                _position += length;
            }
            else if (_sequence.UnreadSpan.Length >= length)
            {
                text = StrictUtf8.GetString(_sequence.UnreadSpan[..length]);
                _sequence.Advance(length);
            }
            else
            {
                text = StrictUtf8.GetString(_sequence.UnreadSequence.Slice(0, length));
                _sequence.Advance(length);
            }

            return text;
        }
        catch (DecoderFallbackException ex)
        {
            throw new MessagePackSerializationException("a str is not valid UTF-8", offset, ex);
        }
    }

    /// <summary>Skips <paramref name="length"/> raw bytes, such as the data of a str whose header has been read.</summary>
    public void SkipRaw(int length)
    {
        if (Remaining < length)
        {
            throw Truncated(Consumed);
        }

        Advance(length);
    }

    private void Advance(int count)
    {
        if (_isSingleSegment)
        {
            _position += count;
        }
        else
        {
            _sequence.Advance(count);
        }
    }

    private static MessagePackSerializationException Truncated(long offset) =>
        new("the data ends in the middle of a value", offset);
}

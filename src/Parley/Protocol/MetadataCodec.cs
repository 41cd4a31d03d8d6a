using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Parley.Protocol;

/// <summary>
/// Encodes the metadata block: a sequence of entries, each <c>u8 key length, key (ASCII), u16 value length (big-endian),
/// value (UTF-8)</c>, filling exactly the header's metadata length.
/// </summary>
public static class MetadataCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes <paramref name="metadata"/> and returns the number of bytes written.</summary>
    public static int Write(IBufferWriter<byte> output, RpcMetadata? metadata)
    {
        if (metadata is null)
        {
            return 0;
        }

        var total = 0;
        foreach (var (key, value) in metadata)
        {
            total += WriteEntry(output, key, value);
        }

        return total;
    }

    /// <summary>Writes one entry whose key is valid and whose value is a number, in decimal ASCII; returns the bytes written.</summary>
    internal static int WriteEntry(IBufferWriter<byte> output, string key, long number)
    {
        Span<byte> digits = stackalloc byte[20];
        number.TryFormat(digits, out var valueLength, provider: System.Globalization.CultureInfo.InvariantCulture);
        var value = StartEntry(output, key, valueLength, out var size);
        digits[..valueLength].CopyTo(value);
        output.Advance(size);
        return size;
    }

    /// <summary>Writes one entry whose key is already known to be valid; returns the bytes written.</summary>
    public static int WriteEntry(IBufferWriter<byte> output, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var valueLength = StrictUtf8.GetByteCount(value);
        if (valueLength > ushort.MaxValue)
        {
            throw new ArgumentException($"Metadata value for '{key}' is {valueLength} bytes; the limit is 65535.", nameof(value));
        }

        StrictUtf8.GetBytes(value, StartEntry(output, key, valueLength, out var size));
        output.Advance(size);
        return size;
    }

    // Writes an entry's key and value length; returns where its value goes. The caller fills it and advances by size.
    private static Span<byte> StartEntry(IBufferWriter<byte> output, string key, int valueLength, out int size)
    {
        size = 1 + key.Length + 2 + valueLength;
        var span = output.GetSpan(size);
        span[0] = (byte)key.Length;
        Encoding.ASCII.GetBytes(key, span[1..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(1 + key.Length)..], (ushort)valueLength);
        return span.Slice(3 + key.Length, valueLength);
    }

    /// <summary>
    /// Parses a metadata block. Returns false with a reason when an entry overruns the block, a key is invalid, a value
    /// is not UTF-8, or there are more entries than <see cref="ProtocolLimits.MaxMetadataEntries"/>.
    /// </summary>
    public static bool TryRead(ReadOnlySequence<byte> block, ProtocolLimits limits, out RpcMetadata metadata, out string? error)
    {
        metadata = new RpcMetadata(4);
        return TryReadInto(block, limits, metadata, out error);
    }

    /// <summary>Parses a metadata block into <paramref name="metadata"/>, which is emptied first (it is reused).</summary>
    internal static bool TryReadInto(ReadOnlySequence<byte> block, ProtocolLimits limits, RpcMetadata metadata, out string? error)
    {
        metadata.Clear();
        error = null;
        var reader = new SequenceReader<byte>(block);
        Span<byte> keyBuffer = stackalloc byte[255];
        Span<char> keyCharBuffer = stackalloc char[255];
        while (!reader.End)
        {
            if (metadata.Count == limits.MaxMetadataEntries)
            {
                error = $"metadata has more than {limits.MaxMetadataEntries} entries";
                return false;
            }

            if (!reader.TryRead(out var keyLength) || keyLength == 0 || reader.Remaining < keyLength + 2)
            {
                error = "metadata entry is truncated or has an empty key";
                return false;
            }

            var keyBytes = keyBuffer[..keyLength];
            reader.TryCopyTo(keyBytes);
            reader.Advance(keyLength);
            var keyChars = keyCharBuffer[..keyLength];
            Encoding.ASCII.GetChars(keyBytes, keyChars);
            var key = MetadataStrings.Shared.Get(keyChars);
            if (!RpcMetadata.IsValidKey(key))
            {
                error = "metadata key contains a character outside a-z 0-9 - _ . :";
                return false;
            }

            reader.TryReadBigEndian(out short rawLength);
            var valueLength = (ushort)rawLength;
            if (reader.Remaining < valueLength)
            {
                error = $"metadata value for '{key}' runs past the end of the metadata block";
                return false;
            }

            string value;
            try
            {
                var bytes = reader.UnreadSequence.Slice(0, valueLength);
                value = ReadValue(bytes, keep: key != RpcMetadata.TimeoutKey || IsWholeSeconds(bytes));
            }
            catch (DecoderFallbackException)
            {
                error = $"metadata value for '{key}' is not valid UTF-8";
                return false;
            }

            reader.Advance(valueLength);
            metadata.AddUnchecked(key, value);
        }

        return true;
    }

    // A :timeout of whole seconds is most often a caller's configured timeout, sent unchanged on every call; any other
    // one is what was left of a deadline, which seldom repeats.
    private static bool IsWholeSeconds(ReadOnlySequence<byte> bytes)
    {
        if (bytes.Length < 4)
        {
            return false;
        }

        Span<byte> last = stackalloc byte[3];
        bytes.Slice(bytes.Length - 3).CopyTo(last);
        return last.SequenceEqual("000"u8);
    }

    // Short values (service and method names, tenant ids...) come from the shared strings; a :timeout that is what was
    // left of a deadline differs on every call, so it is looked up but not kept.
    private static string ReadValue(ReadOnlySequence<byte> bytes, bool keep)
    {
        if (bytes.Length > MetadataStrings.MaxLength)
        {
            return StrictUtf8.GetString(bytes);
        }

        Span<byte> copy = stackalloc byte[MetadataStrings.MaxLength];
        var utf8 = copy[..(int)bytes.Length];
        bytes.CopyTo(utf8);
        Span<char> chars = stackalloc char[MetadataStrings.MaxLength];
        var length = StrictUtf8.GetChars(utf8, chars);
        return MetadataStrings.Shared.Get(chars[..length], keep);
    }
}

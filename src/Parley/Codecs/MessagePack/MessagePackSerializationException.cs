namespace Parley.Codecs.MessagePack;

/// <summary>
/// MessagePack data could not be read or a value could not be written: truncated or malformed input, a length
/// beyond the data, nesting past the depth limit, a format that does not fit the target type, or a type the codec
/// does not support. The message says what went wrong and, when reading, at which byte offset of the payload.
/// </summary>
public sealed class MessagePackSerializationException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public MessagePackSerializationException()
        : this("MessagePack serialization failed.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and no offset.</summary>
    public MessagePackSerializationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public MessagePackSerializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem found at byte <paramref name="offset"/> of the input.</summary>
    public MessagePackSerializationException(string message, long offset, Exception? innerException = null)
        : base($"{message} (at byte offset {offset})", innerException)
    {
        Offset = offset;
    }

    /// <summary>The byte offset in the input where reading failed, or -1 when not known (e.g. when writing).</summary>
    public long Offset { get; } = -1;
}

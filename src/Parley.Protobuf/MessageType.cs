using Google.Protobuf;

namespace Parley.Protobuf;

/// <summary>
/// What the codec knows about one .NET type: the parser of the protobuf message it is, or why it cannot be carried.
/// Found once per type by <see cref="MessageTypes"/>; immutable afterwards.
/// </summary>
internal sealed class MessageType
{
    private MessageType(Type type, MessageParser? parser, string? problem)
    {
        Type = type;
        Parser = parser;
        Problem = problem;
    }

    public Type Type { get; }

    /// <summary>The message type's parser, or null when the type is not a concrete protobuf message.</summary>
    public MessageParser? Parser { get; }

    /// <summary>Why the type cannot be carried (e.g. "is not a protobuf message"), or null when it can.</summary>
    public string? Problem { get; }

    public static MessageType Carried(Type type, MessageParser parser) => new(type, parser, null);

    public static MessageType NotCarried(Type type, string problem) => new(type, null, problem);
}

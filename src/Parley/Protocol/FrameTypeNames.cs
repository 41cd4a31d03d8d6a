namespace Parley.Protocol;

/// <summary>The names docs/protocol.md gives frame types (STREAM_MESSAGE, not StreamMessage), for error messages.</summary>
internal static class FrameTypeNames
{
    public static string WireName(this FrameType type) => type switch
    {
        FrameType.Hello => "HELLO",
        FrameType.Request => "REQUEST",
        FrameType.Response => "RESPONSE",
        FrameType.OneWay => "ONEWAY",
        FrameType.Cancel => "CANCEL",
        FrameType.Ping => "PING",
        FrameType.Pong => "PONG",
        FrameType.GoAway => "GOAWAY",
        FrameType.StreamMessage => "STREAM_MESSAGE",
        FrameType.StreamEnd => "STREAM_END",
        FrameType.Credit => "CREDIT",
        _ => "0x" + ((byte)type).ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
    };
}

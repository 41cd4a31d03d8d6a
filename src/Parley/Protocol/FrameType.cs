namespace Parley.Protocol;

/// <summary>The kind of a frame: byte 3 of the frame header. See docs/protocol.md.</summary>
public enum FrameType : byte
{
    /// <summary>First frame each side sends on a new connection; metadata carries the sender's limits.</summary>
    Hello = 0x01,
    /// <summary>A call that expects a RESPONSE with the same request id.</summary>
    Request = 0x02,
    /// <summary>The answer to a REQUEST: a status, and a result (OK) or a UTF-8 message (any other status).</summary>
    Response = 0x03,
    /// <summary>A call that expects no answer.</summary>
    OneWay = 0x04,
    /// <summary>The caller gave up on the request with this id; the handler's token fires.</summary>
    Cancel = 0x05,
    /// <summary>Liveness probe; the peer answers with PONG carrying the same payload.</summary>
    Ping = 0x06,
    /// <summary>The answer to a PING.</summary>
    Pong = 0x07,
    /// <summary>The sender is closing: no request above the id in the header will be processed.</summary>
    GoAway = 0x08,
    /// <summary>One message (or one chunk of a message) of an open stream, in either direction.</summary>
    StreamMessage = 0x09,
    /// <summary>The client's request stream is complete (status OK) or was abandoned (any other status).</summary>
    StreamEnd = 0x0A,
    /// <summary>Grants the peer more bytes of stream messages: for one stream, or for the connection (request id 0).</summary>
    Credit = 0x0B,
}

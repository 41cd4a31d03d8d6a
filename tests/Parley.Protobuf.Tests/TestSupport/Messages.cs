using Google.Protobuf;
using Parley.Protobuf.Tests.Protos;

namespace Parley.Protobuf.Tests.TestSupport;

/// <summary>Sample messages for the tests.</summary>
public static class Messages
{
    /// <summary>A request with every kind of field set: scalars, repeated, nested, map, bytes, oneof, enum.</summary>
    public static HelloRequest FullRequest() => new()
    {
        Name = "Ada Lovelace — ünïcødé",
        Tags = { "math", "engines", "" },
        Address = new Address { Street = "12 St James's Square", City = "London" },
        Scores = { ["notes"] = 10, ["analysis"] = 32, ["negative"] = -5 },
        Avatar = ByteString.CopyFrom(0, 1, 2, 254, 255),
        Phone = 1_234_567_890_123L,
        Mood = Mood.Happy,
        LuckyNumbers = { 7, -1, int.MaxValue },
        Height = 1.65,
    };
}

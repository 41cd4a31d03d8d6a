namespace Parley.Benchmarks.Codecs;

/// <summary>The message the codec benchmarks carry: a few scalars, a text and a list of numbers.</summary>
public sealed record SensorReport(int Id, long Timestamp, double Value, bool Active, string Description, List<int> Samples)
{
    private const int SampleCount = 100;
    private const int DescriptionLength = 600;

    /// <summary>
    /// The benchmark's instance. Its size is set by the text and the sample count; each sample is a five-digit number,
    /// which is 3 bytes in MessagePack (uint16) and protobuf (varint) and 5 characters in JSON.
    /// </summary>
    public static SensorReport Create()
    {
        var samples = new List<int>(SampleCount);
        for (var i = 0; i < SampleCount; i++)
        {
            samples.Add(20_000 + i * 397 % 40_000);
        }

        var description = string.Concat(Enumerable.Repeat("north wing, second floor, east window; ", 20))[..DescriptionLength];
        return new SensorReport(42, 1_700_000_000_000, 21.5, true, description, samples);
    }

    /// <summary>The same values as a protobuf message.</summary>
    public SensorReportMessage ToMessage()
    {
        var message = new SensorReportMessage
        {
            Id = Id,
            Timestamp = Timestamp,
            Value = Value,
            Active = Active,
            Description = Description,
        };
        message.Samples.AddRange(Samples);
        return message;
    }
}

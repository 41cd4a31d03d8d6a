using Google.Protobuf;
using Parley.Protobuf.Tests.Protos;

namespace Parley.Protobuf.Tests.TestSupport;

/// <summary>Sample readings for the streaming tests.</summary>
public static class Readings
{
    /// <summary>
    /// Reading <paramref name="sequence"/> with every kind of field set and <paramref name="sampleBytes"/> bytes of
    /// samples, byte i being (sequence + i) % 251, so a shifted or truncated chunk shows.
    /// </summary>
    public static Reading Create(int sequence, int sampleBytes = 0)
    {
        var samples = new byte[sampleBytes];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (byte)((sequence + i) % 251);
        }

        return new Reading
        {
            Sequence = sequence,
            Sensor = sequence % 2 == 0 ? "north" : "south",
            Value = (sequence * 1_000L) - 7,
            Tags = { "raw", $"batch-{sequence / 100}" },
            Labels = { ["floor"] = sequence % 7, ["rack"] = -sequence },
            Samples = ByteString.CopyFrom(samples),
        };
    }

    /// <summary>Readings 1 to <paramref name="count"/>.</summary>
    public static Reading[] Range(int count) => [.. Enumerable.Range(1, count).Select(sequence => Create(sequence))];
}

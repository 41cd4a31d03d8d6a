using System.Buffers;
using Parley.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Protocol;

public sealed class MetadataStringsTests
{
    [Fact]
    public void TryRead_SameMetadataTwice_ReusesTheKeyAndValueStrings()
    {
        var first = Read(new RpcMetadata().AddReserved(RpcMetadata.ServiceKey, "Inventory").Add("tenant", "acme"));
        var second = Read(new RpcMetadata().AddReserved(RpcMetadata.ServiceKey, "Inventory").Add("tenant", "acme"));

        for (var i = 0; i < first.Count; i++)
        {
            Assert.Same(first[i].Key, second[i].Key);
            Assert.Same(first[i].Value, second[i].Value);
        }
    }

    [Fact]
    public void TryRead_TimeoutValuesAndLongValues_AreNotKept()
    {
        var timeout = Guid.NewGuid().ToString("N")[..8];
        var longValue = new string('v', MetadataStrings.MaxLength + 1);
        var first = Read(new RpcMetadata().AddReserved(RpcMetadata.TimeoutKey, timeout).Add("long", longValue));
        var second = Read(new RpcMetadata().AddReserved(RpcMetadata.TimeoutKey, timeout).Add("long", longValue));

        Assert.Equal(first[0].Value, second[0].Value);
        Assert.NotSame(first[0].Value, second[0].Value);
        Assert.NotSame(first[1].Value, second[1].Value);
    }

    [Fact]
    public void Get_ManyDistinctValues_KeepsAtMostTheCapacity()
    {
        // A peer sending ever new values cannot grow the strings without bound: past the capacity nothing is kept.
        var strings = new MetadataStrings(capacity: 100);
        for (var i = 0; i < 100; i++)
        {
            strings.Get(("flood-" + i).AsSpan());
        }

        Assert.Same(strings.Get("flood-7".AsSpan()), strings.Get("flood-7".AsSpan()));
        Assert.NotSame(strings.Get("flood-late".AsSpan()), strings.Get("flood-late".AsSpan()));
    }

    private static RpcMetadata Read(RpcMetadata metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        MetadataCodec.Write(buffer, metadata);
        Assert.True(MetadataCodec.TryRead(new ReadOnlySequence<byte>(buffer.WrittenMemory), new ProtocolLimits(), out var read, out var error), error);
        return read;
    }
}

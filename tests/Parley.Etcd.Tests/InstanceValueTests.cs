using System.Net;
using System.Text;
using Parley.Discovery;
using Parley.Etcd.Internal;

namespace Parley.Etcd.Tests;

public sealed class InstanceValueTests
{
    public static TheoryData<EndPoint> Addresses => new()
    {
        new IPEndPoint(IPAddress.Parse("10.0.0.5"), 5050),
        new IPEndPoint(IPAddress.Parse("fe80::1"), 443),
        new DnsEndPoint("calculator.internal", 65535),
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Encode_ThenDecode_GivesTheSameInstance(EndPoint address)
    {
        var instance = new ServiceInstance("calc", "a", address)
        {
            Weight = 7,
            Metadata = new Dictionary<string, string> { ["zone"] = "z1", ["tags"] = "a,b" },
            Health = InstanceHealth.Unhealthy,
        };

        Assert.True(InstanceValue.TryDecode("calc", "a", InstanceValue.Encode(instance), out var decoded, out _));
        Assert.Equal(instance, decoded);
    }

    [Fact]
    public void Encode_WritesIPv6InBrackets_AndHealthInLowercase()
    {
        var json = Encoding.UTF8.GetString(InstanceValue.Encode(
            new ServiceInstance("calc", "a", new IPEndPoint(IPAddress.IPv6Loopback, 5050)) { Health = InstanceHealth.Draining }));

        Assert.Equal("""{"address":"[::1]:5050","weight":100,"metadata":{},"health":"draining"}""", json);
    }

    [Fact]
    public void Decode_FillsDefaults_AndIgnoresFieldsItDoesNotKnow()
    {
        Assert.True(InstanceValue.TryDecode("calc", "a", """{"address":"host-1:80","extra":{"x":1}}"""u8, out var instance, out _));

        Assert.Equal(new DnsEndPoint("host-1", 80), instance.Address);
        Assert.Equal(ServiceInstance.DefaultWeight, instance.Weight);
        Assert.Equal(InstanceHealth.Healthy, instance.Health);
        Assert.Empty(instance.Metadata);
    }

    [Theory]
    [InlineData("", "not a JSON")]
    [InlineData("null", "null")]
    [InlineData("[1]", "not a JSON")]
    [InlineData("""{"weight":3}""", "no address")]
    [InlineData("""{"address":"10.0.0.1"}""", "not host:port")]
    [InlineData("""{"address":"10.0.0.1:0"}""", "not host:port")]
    [InlineData("""{"address":"::1:5050"}""", "not host:port")]
    [InlineData("""{"address":"bad host:5050"}""", "not host:port")]
    [InlineData("""{"address":"h:1","weight":0}""", "below 1")]
    [InlineData("""{"address":"h:1","health":"sleepy"}""", "health 'sleepy'")]
    [InlineData("""{"address":"h:1","metadata":{"k":null}}""", "metadata 'k'")]
    [InlineData("""{"address":"h:1","weight":"heavy"}""", "not a JSON")]
    public void Decode_RejectsValuesThatAreNotInstances_SayingWhy(string value, string reason)
    {
        Assert.False(InstanceValue.TryDecode("calc", "a", Encoding.UTF8.GetBytes(value), out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_RejectsAddressesEtcdCannotHold()
    {
        Assert.Throws<ArgumentException>(() => InstanceValue.Encode(new ServiceInstance("calc", "a", new System.Net.Sockets.UnixDomainSocketEndPoint("/tmp/s"))));
    }

    [Theory]
    [InlineData(new byte[] { 0x2F, 0x61, 0x2F }, new byte[] { 0x2F, 0x61, 0x30 })]
    [InlineData(new byte[] { 0x61, 0xFF }, new byte[] { 0x62 })]
    [InlineData(new byte[] { 0xFF, 0xFF }, new byte[] { 0x00 })]
    public void RangeEnd_IsThePrefixWithItsLastByteRaised(byte[] prefix, byte[] end)
    {
        Assert.Equal(end, EtcdKeys.RangeEnd(prefix));
    }
}

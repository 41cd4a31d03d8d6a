using Parley.Protocol;

namespace Parley.Tests.Protocol;

public sealed class RpcMetadataTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("x-trace_id.v2")]
    [InlineData(":service")]
    public void IsValidKey_AllowedShape_ReturnsTrue(string key)
    {
        // Act
        var valid = RpcMetadata.IsValidKey(key);

        // Assert
        Assert.True(valid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("Trace")]
    [InlineData("a b")]
    [InlineData(" a")]
    [InlineData("a:b")]
    [InlineData("::a")]
    [InlineData("a/b")]
    [InlineData("é")]
    [InlineData("a\0")]
    public void IsValidKey_ForbiddenShape_ReturnsFalse(string key)
    {
        // Act
        var valid = RpcMetadata.IsValidKey(key);

        // Assert
        Assert.False(valid);
    }

    [Fact]
    public void IsValidKey_LengthBoundary_Allows255AndRejects256()
    {
        // Act
        var at255 = RpcMetadata.IsValidKey(new string('a', 255));
        var at256 = RpcMetadata.IsValidKey(new string('a', 256));

        // Assert
        Assert.True(at255);
        Assert.False(at256);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("with space")]
    [InlineData("a:b")]
    [InlineData("ü")]
    public void Add_InvalidKey_ThrowsArgumentException(string key)
    {
        // Arrange
        var metadata = new RpcMetadata();

        // Act
        var exception = Assert.Throws<ArgumentException>(() => metadata.Add(key, "value"));

        // Assert
        Assert.Equal("key", exception.ParamName);
        Assert.Empty(metadata);
    }

    [Fact]
    public void Add_KeyOf256Characters_ThrowsArgumentException()
    {
        // Arrange
        var metadata = new RpcMetadata();

        // Act and assert
        Assert.Throws<ArgumentException>(() => metadata.Add(new string('a', 256), "value"));
    }

    [Fact]
    public void Add_NullValue_ThrowsArgumentNullException()
    {
        // Arrange
        var metadata = new RpcMetadata();

        // Act and assert
        Assert.Throws<ArgumentNullException>(() => metadata.Add("key", null!));
    }

    [Fact]
    public void Add_RepeatedKey_KeepsBothInOrderAndGetReturnsFirst()
    {
        // Arrange
        var metadata = new RpcMetadata();

        // Act
        var returned = metadata.Add("k", "1").Add("other", "x").Add("k", "2");

        // Assert
        Assert.Same(metadata, returned);
        Assert.Equal(3, metadata.Count);
        Assert.Equal(new KeyValuePair<string, string>("k", "2"), metadata[2]);
        Assert.Equal("1", metadata.Get("k"));
    }
}

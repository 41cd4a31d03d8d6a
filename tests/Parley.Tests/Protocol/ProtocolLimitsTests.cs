using Parley.Protocol;

namespace Parley.Tests.Protocol;

public sealed class ProtocolLimitsTests
{
    [Fact]
    public void Validate_Defaults_DoesNotThrow()
    {
        // Arrange
        var limits = new ProtocolLimits();

        // Act
        var exception = Record.Exception(limits.Validate);

        // Assert
        Assert.Null(exception);
        Assert.Equal(4 * 1024 * 1024, limits.MaxPayloadBytes);
        Assert.Equal(8 * 1024, limits.MaxMetadataBytes);
        Assert.Equal(64, limits.MaxMetadataEntries);
        Assert.Equal(FrameHeader.Size + 8 * 1024 + 4 * 1024 * 1024, limits.MaxFrameBytes);
    }

    [Theory]
    [InlineData(nameof(ProtocolLimits.MaxPayloadBytes), 1024)]
    [InlineData(nameof(ProtocolLimits.MaxPayloadBytes), 1 << 30)]
    [InlineData(nameof(ProtocolLimits.MaxMetadataBytes), 256)]
    [InlineData(nameof(ProtocolLimits.MaxMetadataBytes), 1 << 20)]
    [InlineData(nameof(ProtocolLimits.MaxMetadataEntries), 4)]
    [InlineData(nameof(ProtocolLimits.MaxMetadataEntries), 4096)]
    public void Validate_ValueAtRangeBoundary_DoesNotThrow(string property, int value)
    {
        // Arrange
        var limits = With(property, value);

        // Act
        var exception = Record.Exception(limits.Validate);

        // Assert
        Assert.Null(exception);
    }

    [Theory]
    [InlineData(nameof(ProtocolLimits.MaxPayloadBytes), 1023)]
    [InlineData(nameof(ProtocolLimits.MaxPayloadBytes), (1 << 30) + 1)]
    [InlineData(nameof(ProtocolLimits.MaxPayloadBytes), 0)]
    [InlineData(nameof(ProtocolLimits.MaxPayloadBytes), -1)]
    [InlineData(nameof(ProtocolLimits.MaxPayloadBytes), int.MaxValue)]
    [InlineData(nameof(ProtocolLimits.MaxMetadataBytes), 255)]
    [InlineData(nameof(ProtocolLimits.MaxMetadataBytes), (1 << 20) + 1)]
    [InlineData(nameof(ProtocolLimits.MaxMetadataBytes), int.MinValue)]
    [InlineData(nameof(ProtocolLimits.MaxMetadataEntries), 3)]
    [InlineData(nameof(ProtocolLimits.MaxMetadataEntries), 4097)]
    [InlineData(nameof(ProtocolLimits.MaxMetadataEntries), 0)]
    public void Validate_ValueOutOfRange_ThrowsArgumentOutOfRangeNamingProperty(string property, int value)
    {
        // Arrange
        var limits = With(property, value);

        // Act
        var exception = Assert.Throws<ArgumentOutOfRangeException>(limits.Validate);

        // Assert
        Assert.Equal(property, exception.ParamName);
        Assert.Contains(property, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clone_ThenChangeOriginal_CopyKeepsOldValues()
    {
        // Arrange
        var original = new ProtocolLimits { MaxPayloadBytes = 2048, MaxMetadataBytes = 512, MaxMetadataEntries = 8 };

        // Act
        var copy = original.Clone();
        original.MaxPayloadBytes = 4096;
        original.MaxMetadataBytes = 1024;
        original.MaxMetadataEntries = 16;

        // Assert
        Assert.NotSame(original, copy);
        Assert.Equal(2048, copy.MaxPayloadBytes);
        Assert.Equal(512, copy.MaxMetadataBytes);
        Assert.Equal(8, copy.MaxMetadataEntries);
    }

    private static ProtocolLimits With(string property, int value)
    {
        var limits = new ProtocolLimits();
        switch (property)
        {
            case nameof(ProtocolLimits.MaxPayloadBytes):
                limits.MaxPayloadBytes = value;
                break;
            case nameof(ProtocolLimits.MaxMetadataBytes):
                limits.MaxMetadataBytes = value;
                break;
            case nameof(ProtocolLimits.MaxMetadataEntries):
                limits.MaxMetadataEntries = value;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(property), property, "unknown limit");
        }

        return limits;
    }
}

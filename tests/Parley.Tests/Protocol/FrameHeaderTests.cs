using Parley.Protocol;

namespace Parley.Tests.Protocol;

public sealed class FrameHeaderTests
{
    [Fact]
    public void Write_AllFields_UsesDocumentedBigEndianLayout()
    {
        // Arrange
        var header = new FrameHeader(
            FrameType.Response, 0x02, FrameFlags.None, StatusCode.Unavailable, 0x0102_0304_0506_0708, 0x0A0B_0C0D, 0x1A1B_1C1D);
        var destination = new byte[FrameHeader.Size + 4];

        // Act
        header.Write(destination);

        // Assert
        byte[] expected =
        [
            0x50, 0x4C, // "PL"
            0x01, // version
            0x03, // RESPONSE
            0x02, // codec
            0x00, // flags
            0x00, 0x0E, // status 14
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, // request id
            0x0A, 0x0B, 0x0C, 0x0D, // metadata length
            0x1A, 0x1B, 0x1C, 0x1D, // payload length
            0x00, 0x00, 0x00, 0x00, // untouched
        ];
        Assert.Equal(expected, destination);
    }

    [Fact]
    public void FrameLength_LargestLengths_DoesNotOverflow()
    {
        // Arrange
        var header = new FrameHeader(FrameType.Request, 1, FrameFlags.None, StatusCode.Ok, 1, int.MaxValue, int.MaxValue);

        // Act
        var length = header.FrameLength;

        // Assert
        Assert.Equal(FrameHeader.Size + 2L * int.MaxValue, length);
    }
}

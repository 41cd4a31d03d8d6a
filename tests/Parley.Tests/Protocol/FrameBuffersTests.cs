using Parley.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Protocol;

public sealed class FrameBuffersTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(407)]
    [InlineData(16 * 1024 + 23)]
    [InlineData(32 * 1024)]
    [InlineData(32 * 1024 + 1)]
    [InlineData(3 * 1024 * 1024)]
    public void Rent_GivesAtLeastTheLength_AndTakesTheBufferBack(int length)
    {
        var buffer = FrameBuffers.Rent(length);

        Assert.True(buffer.Length >= length);
        FrameBuffers.Return(buffer);
    }

    [Fact]
    public async Task BuffersRentedOnOneThreadAndReturnedOnAnother_AreReused()
    {
        // A burst of frames as a stream makes them: all rented first, then all returned by another thread. (The shared
        // pool keeps a few per thread and core: it would give back new arrays for most of the second burst.) A pool of
        // the test's own, so that other tests renting and returning meanwhile cannot fill or empty it.
        var pool = new FrameBufferPool();
        var first = Enumerable.Range(0, 500).Select(_ => pool.Rent(407)).ToList();
        await Task.Run(() => first.ForEach(pool.Return)).DefaultTimeout();

        var second = Enumerable.Range(0, 500).Select(_ => pool.Rent(407)).ToList();

        var reused = second.Count(buffer => first.Any(earlier => ReferenceEquals(earlier, buffer)));
        Assert.Equal(500, reused);
    }
}

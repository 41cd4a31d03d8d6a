using System.Runtime.CompilerServices;

namespace Parley.LoadTest.Systems.Parley;

/// <summary>The server side of <see cref="IEchoService"/>: no work beyond the echo, so the framework is what is measured.</summary>
internal sealed class EchoService : IEchoService
{
    public Task<string> EchoAsync(string text, CancellationToken cancellationToken = default) => Task.FromResult(text);

    public async IAsyncEnumerable<string> StreamAsync(
        int count, int size, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // One text for the whole stream: the measurement is of moving messages, not of making them.
        var text = Payload.Text(size);
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return text;
        }

        await Task.CompletedTask;
    }
}

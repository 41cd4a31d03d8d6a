using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Parley.Tests.TestSupport;

public sealed class TypedStreamService : ITypedStreamService
{
    public ConcurrentDictionary<string, int[]> Remembered { get; } = new();

    public async IAsyncEnumerable<TestRecord> ListAsync(string prefix, int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new TestRecord(i, prefix + i, [i, i / 2.0]);
        }

        await Task.CompletedTask;
    }

    public async Task<int> CountLettersAsync(IAsyncEnumerable<string> words, CancellationToken cancellationToken = default)
    {
        var letters = 0;
        await foreach (var word in words.WithCancellation(cancellationToken))
        {
            letters += word.Length;
        }

        return letters;
    }

    public async ValueTask RememberAsync(string key, IAsyncEnumerable<int> values)
    {
        var list = new List<int>();
        await foreach (var value in values)
        {
            list.Add(value);
        }

        Remembered[key] = [.. list];
    }

    public async IAsyncEnumerable<TestRecord> RenameAsync(
        IAsyncEnumerable<TestRecord> records, string suffix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            yield return record with { Name = record.Name + suffix };
        }
    }
}

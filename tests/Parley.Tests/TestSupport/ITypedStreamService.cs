namespace Parley.Tests.TestSupport;

/// <summary>A generated streaming contract: its proxy and dispatcher come from the source generator.</summary>
[RpcService]
public interface ITypedStreamService
{
    IAsyncEnumerable<TestRecord> ListAsync(string prefix, int count, CancellationToken cancellationToken = default);

    Task<int> CountLettersAsync(IAsyncEnumerable<string> words, CancellationToken cancellationToken = default);

    ValueTask RememberAsync(string key, IAsyncEnumerable<int> values);

    IAsyncEnumerable<TestRecord> RenameAsync(IAsyncEnumerable<TestRecord> records, string suffix, CancellationToken cancellationToken = default);
}

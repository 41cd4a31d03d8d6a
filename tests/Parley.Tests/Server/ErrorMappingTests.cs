using Parley.Client;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Server;

/// <summary>Behaviour every transport must have; each transport runs it through a subclass below.</summary>
public abstract class ErrorMappingTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private RpcClient _client = null!;

    protected abstract TestTransport Transport { get; }

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(Transport);
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Call_UnknownService_FailsWithUnimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.InvokeAsync("Nope", "Add", [1, 2])).DefaultTimeout();

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("'Nope'", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_UnknownMethod_FailsWithUnimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.InvokeAsync("TestService", "Subtract", [1, 2])).DefaultTimeout();

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("Subtract", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WrongArgumentTypes_FailsWithInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.InvokeAsync("TestService", "Add", ["one", 2])).DefaultTimeout();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("TestService.Add", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WrongArgumentCount_FailsWithInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.InvokeAsync("TestService", "Add", [1])).DefaultTimeout();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("expected 2 argument(s), got 1", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_HandlerThrows_FailsWithInternalAndMessageOnly()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.InvokeAsync("TestService", "Throw", ["boom"])).DefaultTimeout();

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("boom", error.Detail);
    }

    [Fact]
    public async Task Call_HandlerThrowsWithDetailsOn_IncludesStackTrace()
    {
        await using var server = await TestServer.StartAsync(Transport, o => o.IncludeExceptionDetails = true);
        await using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Throw", ["boom"])).DefaultTimeout();

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("InvalidOperationException: boom", error.Detail, StringComparison.Ordinal);
        Assert.Contains(nameof(TestService.ThrowAsync), error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatusCode.NotFound)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.FailedPrecondition)]
    public async Task Call_HandlerThrowsRpcException_KeepsItsStatus(StatusCode status)
    {
        var error = await Assert.ThrowsAsync<RpcException>(
            () => _client.InvokeAsync("TestService", "FailWith", [status, "custom detail"])).DefaultTimeout();

        Assert.Equal(status, error.StatusCode);
        Assert.Equal("custom detail", error.Detail);
    }

    [Fact]
    public async Task Call_ResultDecodeFails_FailsWithInternal()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.InvokeAsync<int>("TestService", "Echo", ["not a number"])).DefaultTimeout();

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("could not decode the result", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_AfterErrors_ConnectionStillServes()
    {
        await Assert.ThrowsAsync<RpcException>(() => _client.InvokeAsync("TestService", "Throw", ["x"])).DefaultTimeout();
        await Assert.ThrowsAsync<RpcException>(() => _client.InvokeAsync("Nope", "Nope")).DefaultTimeout();

        Assert.Equal(3, await _client.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout());
        Assert.Equal(1, _client.Statistics.ConnectionsOpened);
    }
}

public sealed class TcpErrorMappingTests : ErrorMappingTests
{
    protected override TestTransport Transport => TestTransport.Tcp;
}

public sealed class InMemoryErrorMappingTests : ErrorMappingTests
{
    protected override TestTransport Transport => TestTransport.InMemory;
}

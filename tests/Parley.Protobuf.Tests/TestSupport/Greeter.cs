using Parley.Protobuf.Tests.Protos;

namespace Parley.Protobuf.Tests.TestSupport;

public sealed class Greeter : IGreeter
{
    private readonly TaskCompletionSource<HelloRequest> _notified = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _handlerCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the first request given to <see cref="NotifyAsync"/>.</summary>
    public Task<HelloRequest> Notified => _notified.Task;

    /// <summary>Completes when the token of <see cref="WaitForCancellationAsync"/> fires.</summary>
    public Task HandlerCancelled => _handlerCancelled.Task;

    public Task<HelloReply> SayHelloAsync(HelloRequest request, CancellationToken ct) =>
        Task.FromResult(new HelloReply
        {
            Message = $"Hello, {request.Name}!",
            TagCount = request.Tags.Count,
            ScoreTotal = request.Scores.Values.Sum(),
        });

    public Task<HelloReply> FailAsync(HelloRequest request) =>
        throw new RpcException(Enum.Parse<StatusCode>(request.Name), $"failing as asked for {request.Name}");

    public async Task<HelloReply> WaitForCancellationAsync(HelloRequest request, CancellationToken ct)
    {
        using var registration = ct.Register(() => _handlerCancelled.TrySetResult());
        await Task.Delay(Timeout.Infinite, ct);
        return new HelloReply();
    }

    public Task NotifyAsync(HelloRequest request)
    {
        _notified.TrySetResult(request);
        return Task.CompletedTask;
    }

    public Task<HelloRequest> EchoAsync(HelloRequest request) => Task.FromResult(request);

    public Task<HelloReply> ReturnNullAsync(HelloRequest request) => Task.FromResult<HelloReply>(null!);
}

using Parley;
using Parley.Protobuf.Tests.Protos;

namespace Parley.Protobuf.Tests.TestSupport;

/// <summary>A gRPC-shaped contract: one message in, one message (or nothing) out.</summary>
[RpcService]
public interface IGreeter
{
    Task<HelloReply> SayHelloAsync(HelloRequest request, CancellationToken ct);

    /// <summary>Always throws an <see cref="RpcException"/> with the status named in <c>request.Name</c>.</summary>
    Task<HelloReply> FailAsync(HelloRequest request);

    /// <summary>Waits until the call's token fires.</summary>
    Task<HelloReply> WaitForCancellationAsync(HelloRequest request, CancellationToken ct);

    /// <summary>Returns nothing; records the request.</summary>
    Task NotifyAsync(HelloRequest request);

    /// <summary>Returns the request itself, to compare every field after a round trip.</summary>
    Task<HelloRequest> EchoAsync(HelloRequest request);

    /// <summary>Returns null, which protobuf cannot carry.</summary>
    Task<HelloReply> ReturnNullAsync(HelloRequest request);
}

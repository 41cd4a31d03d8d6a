using System.Dynamic;

namespace Parley.Client;

/// <summary>The object behind <see cref="RpcClient.GetDynamicService"/>: every member call becomes an untyped call.</summary>
internal sealed class DynamicServiceProxy(RpcClient client, string service, CallOptions? options) : DynamicObject
{
    public override bool TryInvokeMember(InvokeMemberBinder binder, object?[]? args, out object? result)
    {
        var method = binder.Name.EndsWith("Async", StringComparison.Ordinal) && binder.Name.Length > 5
            ? binder.Name[..^5]
            : binder.Name;
        args ??= [];
        var cancellationToken = CancellationToken.None;
        if (args is [.., CancellationToken token])
        {
            cancellationToken = token;
            args = args[..^1];
        }

        result = client.InvokeAsync(service, method, args, options, cancellationToken);
        return true;
    }

    public override string ToString() => $"dynamic proxy of {service} at {client.EndPoint}";
}

namespace Parley.Etcd.Tests.EndToEnd;

[RpcService("EtcdWho")]
public interface IWho
{
    [Idempotent]
    Task<string> WhoAsync();
}

public sealed class Who(string id) : IWho
{
    public Task<string> WhoAsync() => Task.FromResult(id);
}

using Parley;

namespace ClusterSample;

/// <summary>The service every instance runs: a greeting that says which instance made it.</summary>
[RpcService("Greeter")]
public interface IGreeter
{
    /// <summary>Greets <paramref name="name"/>. Safe to repeat, so the client may retry it on another instance.</summary>
    [Idempotent]
    Task<Greeting> GreetAsync(string name);
}

/// <summary>A greeting and the instance that made it.</summary>
public sealed record Greeting(string Instance, string Text);

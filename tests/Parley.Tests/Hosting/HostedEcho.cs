using Parley.Client;
using Parley.Contracts;
using Parley.Server;

namespace Parley.Tests.Hosting;

/// <summary>
/// The server side of <see cref="IHostedEcho"/>, and the registration of its proxy and dispatcher made by hand, as the
/// source generator would, so that typed client registrations are tested without the generator.
/// </summary>
public sealed class HostedEcho : IHostedEcho
{
    private static readonly RpcMethodDescriptor Shout = new("Shout", [typeof(string)], typeof(string));

    public Task<string> ShoutAsync(string text) => Task.FromResult(text.ToUpperInvariant());

    /// <summary>Registers the contract's proxy and dispatcher (a repeated registration replaces the same one).</summary>
    public static void Register() => RpcContracts.Register<IHostedEcho>(
        new RpcServiceDescriptor("HostedEcho", [Shout]),
        (client, options) => new Proxy(client, options),
        implementation => new RpcServiceDefinition("HostedEcho", [
            new RpcMethodDefinition(Shout, async (arguments, _) => await implementation.ShoutAsync((string)arguments[0]!)),
        ]));

    private sealed class Proxy(RpcClient client, CallOptions? options) : IHostedEcho
    {
        public Task<string> ShoutAsync(string text) => client.InvokeAsync<string>("HostedEcho", "Shout", [text], options);
    }
}

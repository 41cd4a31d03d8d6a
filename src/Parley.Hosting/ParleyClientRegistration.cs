using Microsoft.Extensions.Configuration;
using Parley.Client;

namespace Parley.Hosting;

/// <summary>What was registered for one named client: where it connects and how its options are set.</summary>
internal sealed class ParleyClientRegistration(string name)
{
    public string Name { get; } = name;

    /// <summary>The address given in code, or null when it comes from <see cref="Section"/>.</summary>
    public string? Address { get; set; }

    /// <summary>The configuration section whose <c>Address</c> key holds the address, when it comes from configuration.</summary>
    public IConfigurationSection? Section { get; set; }

    public List<Action<RpcClientOptions, IServiceProvider>> Steps { get; } = [];
}

using System.Runtime.CompilerServices;
using Parley.Server;

namespace Parley.Hosting;

/// <summary>
/// Remembers which service provider is building which <see cref="RpcServerBuilder"/>, so that extension methods on the
/// builder (such as <c>AddService&lt;TContract, TImplementation&gt;()</c>) can resolve from it while the server is built.
/// </summary>
internal static class ServerBuilderServices
{
    private static readonly ConditionalWeakTable<RpcServerBuilder, IServiceProvider> Providers = [];

    public static IServiceProvider? Find(RpcServerBuilder builder) =>
        Providers.TryGetValue(builder, out var services) ? services : null;

    public static Attachment Attach(RpcServerBuilder builder, IServiceProvider services)
    {
        Providers.AddOrUpdate(builder, services);
        return new Attachment(builder);
    }

    /// <summary>Ends the attachment when the server has been built.</summary>
    internal readonly struct Attachment(RpcServerBuilder builder) : IDisposable
    {
        public void Dispose() => Providers.Remove(builder);
    }
}

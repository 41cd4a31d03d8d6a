using Parley.Hosting;
using Parley.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds services whose implementations come from the container, inside <c>AddParleyServer</c>.</summary>
public static class RpcServerBuilderServiceExtensions
{
    /// <summary>
    /// Exposes <typeparamref name="TContract"/> served by a <typeparamref name="TImplementation"/> from the container: the
    /// registered one if there is one, else one created with its constructor's dependencies resolved from the container.
    /// It is resolved once, when the server is built, and serves every call concurrently, so it must be thread-safe
    /// (resolve scoped dependencies per call yourself).
    /// </summary>
    /// <param name="builder">A server builder inside <c>AddParleyServer</c>'s configure step.</param>
    /// <param name="name">The service name; default from <see cref="Parley.ServiceNames.ForService"/>.</param>
    /// <exception cref="InvalidOperationException">The builder is not being built by <c>AddParleyServer</c>: without a
    /// container, pass the implementation to <see cref="RpcServerBuilder.AddService{TContract}(TContract, string?)"/>.</exception>
    public static RpcServerBuilder AddService<TContract, TImplementation>(this RpcServerBuilder builder, string? name = null)
        where TContract : class
        where TImplementation : class, TContract
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = ServerBuilderServices.Find(builder) ?? throw new InvalidOperationException(
            $"AddService<{typeof(TContract).Name}, {typeof(TImplementation).Name}>() resolves from a service container, so it works " +
            "inside services.AddParleyServer(...); without one, pass an instance: AddService<TContract>(implementation).");
        var implementation = services.GetService<TImplementation>() ?? ActivatorUtilities.CreateInstance<TImplementation>(services);
        return builder.AddService<TContract>(implementation, name);
    }
}

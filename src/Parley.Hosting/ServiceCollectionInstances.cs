using Microsoft.Extensions.DependencyInjection;

namespace Parley.Hosting;

/// <summary>Finds the one registration-time object of a type in a service collection, adding it on first use.</summary>
internal static class ServiceCollectionInstances
{
    public static T GetOrAdd<T>(IServiceCollection services, Func<T> create)
        where T : class
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(T) && !descriptor.IsKeyedService && descriptor.ImplementationInstance is T existing)
            {
                return existing;
            }
        }

        var created = create();
        services.AddSingleton(created);
        return created;
    }
}

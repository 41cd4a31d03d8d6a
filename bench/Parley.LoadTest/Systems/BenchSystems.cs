using Parley.LoadTest.Systems.Parley;

namespace Parley.LoadTest.Systems;

/// <summary>Every system the load tool knows, by name, in the order a run measures them.</summary>
/// <remarks>Not named <c>Systems</c>: a class of the same name as its namespace would hide one behind the other.</remarks>
internal static class BenchSystems
{
    public static IReadOnlyList<IBenchSystem> All { get; } =
    [
        ParleySystem.Json,
        ParleySystem.MessagePack,
        new RawSocketSystem(),
        new Http1JsonSystem(),
        new Http2System(),
    ];

    public static IBenchSystem? Find(string name)
    {
        foreach (var system in All)
        {
            if (string.Equals(system.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return system;
            }
        }

        return null;
    }

    public static string Names => string.Join(", ", All.Select(system => system.Name));
}

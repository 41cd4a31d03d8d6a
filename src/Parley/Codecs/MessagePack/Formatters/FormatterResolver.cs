using System.Collections.Concurrent;

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// The formatter of each type, built by <see cref="FormatterFactory"/> the first time the type is needed and cached
/// for the life of the process. Thread-safe; two threads racing on a new type may both build it, and one wins.
/// </summary>
internal static class FormatterResolver
{
    private static readonly ConcurrentDictionary<Type, MessagePackFormatter> Formatters = new();

    public static MessagePackFormatter Get(Type type) => Formatters.GetOrAdd(type, static t => FormatterFactory.Create(t));

    /// <summary>Why <paramref name="type"/>, or a type it contains, cannot be written and read; null when it can.</summary>
    public static string? WhyNotSupported(Type type)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>();
        pending.Push(type);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next))
            {
                continue;
            }

            var formatter = Get(next);
            if (formatter is IUnsupportedFormatter unsupported)
            {
                return unsupported.Reason;
            }

            foreach (var contained in formatter.ContainedTypes)
            {
                pending.Push(contained);
            }
        }

        return null;
    }
}

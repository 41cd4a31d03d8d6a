namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>The formatter of <typeparamref name="T"/>, resolved once: a static field read on the steady path.</summary>
internal static class FormatterCache<T>
{
    public static readonly MessagePackFormatter<T> Formatter = (MessagePackFormatter<T>)FormatterResolver.Get(typeof(T));
}

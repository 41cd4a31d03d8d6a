namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>Marks the formatter that stands for a type the codec cannot carry.</summary>
internal interface IUnsupportedFormatter
{
    /// <summary>Why the type is not supported, naming it.</summary>
    string Reason { get; }
}

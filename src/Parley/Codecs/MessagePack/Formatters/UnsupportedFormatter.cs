namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>Stands for a type the codec cannot carry: every use fails with the same clear reason.</summary>
internal sealed class UnsupportedFormatter<T>(string reason) : MessagePackFormatter<T>, IUnsupportedFormatter
{
    public string Reason => reason;

    public override void Write(ref MessagePackWriter writer, T value) => throw new MessagePackSerializationException(reason);

    public override T Read(ref MessagePackReader reader) => throw new MessagePackSerializationException(reason);
}

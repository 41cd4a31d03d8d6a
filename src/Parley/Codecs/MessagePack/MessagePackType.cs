namespace Parley.Codecs.MessagePack;

/// <summary>The family of a MessagePack value, read from its first byte.</summary>
internal enum MessagePackType
{
    /// <summary>0xc1, which the specification never uses.</summary>
    Invalid,
    Nil,
    Boolean,
    Integer,
    Float,
    String,
    Binary,
    Array,
    Map,
    Extension,
}

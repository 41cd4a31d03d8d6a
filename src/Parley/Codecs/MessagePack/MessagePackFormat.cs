namespace Parley.Codecs.MessagePack;

/// <summary>Classifies and names formats by their first byte, for the reader's dispatch and its error messages.</summary>
internal static class MessagePackFormat
{
    public static MessagePackType TypeOf(byte code) => code switch
    {
        <= MessagePackCode.MaxPositiveFixInt => MessagePackType.Integer,
        <= MessagePackCode.MaxFixMap => MessagePackType.Map,
        <= MessagePackCode.MaxFixArray => MessagePackType.Array,
        <= MessagePackCode.MaxFixStr => MessagePackType.String,
        MessagePackCode.Nil => MessagePackType.Nil,
        MessagePackCode.NeverUsed => MessagePackType.Invalid,
        MessagePackCode.False or MessagePackCode.True => MessagePackType.Boolean,
        MessagePackCode.Bin8 or MessagePackCode.Bin16 or MessagePackCode.Bin32 => MessagePackType.Binary,
        MessagePackCode.Ext8 or MessagePackCode.Ext16 or MessagePackCode.Ext32 => MessagePackType.Extension,
        MessagePackCode.Float32 or MessagePackCode.Float64 => MessagePackType.Float,
        >= MessagePackCode.UInt8 and <= MessagePackCode.Int64 => MessagePackType.Integer,
        >= MessagePackCode.FixExt1 and <= MessagePackCode.FixExt16 => MessagePackType.Extension,
        >= MessagePackCode.Str8 and <= MessagePackCode.Str32 => MessagePackType.String,
        MessagePackCode.Array16 or MessagePackCode.Array32 => MessagePackType.Array,
        MessagePackCode.Map16 or MessagePackCode.Map32 => MessagePackType.Map,
        _ => MessagePackType.Integer,
    };

    /// <summary>A short name for error messages: "str", "int", "the never-used byte 0xc1"...</summary>
    public static string Describe(byte code) => TypeOf(code) switch
    {
        MessagePackType.Nil => "nil",
        MessagePackType.Boolean => "bool",
        MessagePackType.Integer => "int",
        MessagePackType.Float => "float",
        MessagePackType.String => "str",
        MessagePackType.Binary => "bin",
        MessagePackType.Array => "array",
        MessagePackType.Map => "map",
        MessagePackType.Extension => "ext",
        _ => "the never-used byte 0xc1",
    };
}

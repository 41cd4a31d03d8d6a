namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>Sets a property on an instance held by reference, so one shape serves classes and structs.</summary>
internal delegate void MemberSetter<TOwner, in TMember>(ref TOwner owner, TMember value);

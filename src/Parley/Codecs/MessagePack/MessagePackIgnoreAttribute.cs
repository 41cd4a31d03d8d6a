namespace Parley.Codecs.MessagePack;

/// <summary>
/// Leaves a property out of the MessagePack form of its type: it is neither written nor read. A constructor parameter
/// for an ignored property receives its default value.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class MessagePackIgnoreAttribute : Attribute
{
}

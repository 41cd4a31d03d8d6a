using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Parley.Protobuf.Tests.TestSupport;

/// <summary>An <see cref="IMessage"/> that protoc did not generate: it has no static <c>Parser</c>.</summary>
public sealed class HandWrittenMessage : IMessage
{
    public MessageDescriptor Descriptor => throw new NotSupportedException();

    public int CalculateSize() => 0;

    public void MergeFrom(CodedInputStream input)
    {
    }

    public void WriteTo(CodedOutputStream output)
    {
    }
}

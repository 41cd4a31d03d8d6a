using System;
using System.Text;

namespace Parley.Generators;

/// <summary>Builds C# text line by line with four-space indentation and <c>\n</c> line ends on every platform.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/> and <c>{</c>, and indents until the returned scope is disposed.</summary>
    public IDisposable Block(string header, string close = "}")
    {
        Line(header);
        Line("{");
        _depth++;
        return new Scope(this, close);
    }

    public override string ToString() => _text.ToString();

    private sealed class Scope(CodeWriter writer, string close) : IDisposable
    {
        public void Dispose()
        {
            writer._depth--;
            writer.Line(close);
        }
    }
}

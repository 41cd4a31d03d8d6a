using System.Globalization;
using System.Linq;
using Parley.Generators.Model;

namespace Parley.Generators;

internal static partial class ContractWriter
{
    private static void WriteDispatcher(CodeWriter code, ContractModel contract)
    {
        code.Line($"/// <summary>The server dispatcher of {contract.DisplayName}: runs each method on an implementation, without reflection.</summary>");
        using (code.Block($"file static class {DispatcherClass(contract)}"))
        {
            using (code.Block($"public static global::Parley.Server.RpcServiceDefinition Create({contract.TypeName} implementation)"))
            {
                code.Line("return new global::Parley.Server.RpcServiceDefinition(")
                    .Line($"    {ContractClass(contract)}.ServiceName,")
                    .Line("    new global::Parley.Server.RpcMethodDefinition[]")
                    .Line("    {");
                foreach (var method in contract.Methods)
                {
                    WriteInvoker(code, contract, method);
                }

                code.Line("    });");
            }
        }
    }

    private static void WriteInvoker(CodeWriter code, ContractModel contract, MethodModel method)
    {
        var target = method.DeclaringType == contract.TypeName ? "implementation" : $"(({method.DeclaringType})implementation)";
        var next = 0;
        var arguments = method.Parameters.Select(p => p.Role switch
        {
            ParameterRole.CancellationToken => "context.CancellationToken",
            ParameterRole.RequestStream => $"context.GetRequestStream<{method.RequestStream!.ItemType}>()",
            _ => $"({p.Type})arguments[{(next++).ToString(CultureInfo.InvariantCulture)}]!",
        });
        var call = $"{target}.{method.Name}({string.Join(", ", arguments)})";
        var header = $"        new global::Parley.Server.RpcMethodDefinition({DescriptorOf(contract, method)}, ";
        if (method.Shape == ReturnShape.AsyncEnumerable)
        {
            // The stream itself is the result: the server enumerates it and sends each item as it comes.
            code.Line(header + "(arguments, context) =>")
                .Line($"            new global::System.Threading.Tasks.ValueTask<object?>({call})),");
            return;
        }

        if (method.ResultType is not null)
        {
            code.Line(header + "async (arguments, context) =>").Line($"            await {call}.ConfigureAwait(false)),");
            return;
        }

        code.Line(header + "async (arguments, context) =>")
            .Line("        {")
            .Line($"            await {call}.ConfigureAwait(false);")
            .Line("            return null;")
            .Line("        }),");
    }
}

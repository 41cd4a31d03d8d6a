using System.Collections.Generic;
using System.Linq;
using Parley.Generators.Model;

namespace Parley.Generators;

internal static partial class ContractWriter
{
    private const string CallOptions = "global::Parley.Client.CallOptions";

    private static string OptionsField(MethodModel method) => "_" + method.MemberKey + "Options";

    private static void WriteProxy(CodeWriter code, ContractModel contract)
    {
        var proxy = ProxyClass(contract);
        code.Line($"/// <summary>The client proxy of {contract.DisplayName}: each method is one call through the client.</summary>");
        using (code.Block($"file sealed class {proxy} : {contract.TypeName}"))
        {
            code.Line("private readonly global::Parley.Client.RpcClient _client;");
            foreach (var method in contract.Methods)
            {
                code.Line($"private readonly {CallOptions}? {OptionsField(method)};");
            }

            code.Line();
            using (code.Block($"public {proxy}(global::Parley.Client.RpcClient client, {CallOptions}? options)"))
            {
                code.Line("this._client = client;");

                // The caller's options win; a method's [RpcTimeout] applies where they set no timeout or deadline, and
                // [Idempotent] lets a cluster client retry and hedge the method's calls.
                foreach (var method in contract.Methods)
                {
                    var settings = new List<string>(2);
                    if (method.TimeoutMilliseconds is not null)
                    {
                        settings.Add($"Timeout = {DescriptorOf(contract, method)}.Timeout");
                    }

                    if (method.IsIdempotent)
                    {
                        settings.Add("Idempotent = true");
                    }

                    var defaults = settings.Count == 0 ? "null" : $"new {CallOptions} {{ {string.Join(", ", settings)} }}";
                    code.Line($"this.{OptionsField(method)} = {CallOptions}.Merge(options, {defaults});");
                }
            }

            foreach (var method in contract.Methods)
            {
                code.Line();
                WriteProxyMethod(code, contract, method);
            }
        }
    }

    private static void WriteProxyMethod(CodeWriter code, ContractModel contract, MethodModel method)
    {
        var parameters = string.Join(", ", method.Parameters.Select(p => $"{p.Type} {p.Name}"));
        code.Line($"{method.ReturnType} {method.DeclaringType}.{method.Name}({parameters}) =>")
            .Line($"    {ProxyBody(contract, method)};");
    }

    /// <summary>The one call a proxy method makes, wrapped in a ValueTask when the method returns one.</summary>
    private static string ProxyBody(ContractModel contract, MethodModel method)
    {
        var arguments = method.Parameters.Where(p => p.IsArgument).Select(p => p.Name).ToList();
        var argumentArray = arguments.Count == 0 ? "global::System.Array.Empty<object?>()" : $"new object?[] {{ {string.Join(", ", arguments)} }}";
        var token = method.Parameters.FirstOrDefault(p => p.Role == ParameterRole.CancellationToken)?.Name ?? "default";
        var name = $"{ContractClass(contract)}.ServiceName, {Literal(method.WireName)}";
        var rest = $"{argumentArray}, this.{OptionsField(method)}, {token}";
        var result = method.ResultType ?? "object?";
        var call = (method.Kind, method.RequestStream) switch
        {
            (RpcMethodKind.ServerStreaming, _) => $"this._client.ServerStreamAsync<{result}>({name}, {rest})",
            (RpcMethodKind.ClientStreaming, { } stream) =>
                $"this._client.ClientStreamAsync<{stream.ItemType}, {result}>({name}, {stream.Name}, {rest})",
            (RpcMethodKind.BidirectionalStreaming, { } stream) =>
                $"this._client.BidirectionalStreamAsync<{stream.ItemType}, {result}>({name}, {stream.Name}, {rest})",
            _ when method.IsOneWay => $"this._client.SendOneWayAsync({name}, {rest})",
            _ => $"this._client.InvokeAsync<{result}>({name}, {rest})",
        };
        return method.Shape switch
        {
            ReturnShape.ValueTask => $"new global::System.Threading.Tasks.ValueTask({call})",
            ReturnShape.ValueTaskOfT => $"new global::System.Threading.Tasks.ValueTask<{method.ResultType}>({call})",
            _ => call,
        };
    }

    private static string DescriptorOf(ContractModel contract, MethodModel method) => $"{ContractClass(contract)}.{DescriptorField(method)}";
}

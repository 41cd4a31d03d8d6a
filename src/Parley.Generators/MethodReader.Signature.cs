using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Parley.Generators.Model;

namespace Parley.Generators;

internal static partial class MethodReader
{
    private static (ReturnShape Shape, ITypeSymbol? Result) ReadReturn(
        IMethodSymbol method, string readable, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var type = method.ReturnType;
        const string Tasks = "System.Threading.Tasks";
        if (SymbolFacts.Is(type, Tasks, "Task"))
        {
            return (ReturnShape.Task, null);
        }

        if (SymbolFacts.Is(type, Tasks, "ValueTask"))
        {
            return (ReturnShape.ValueTask, null);
        }

        if (SymbolFacts.AsyncEnumerableItem(type) is { } item)
        {
            if (item.IsRefLikeType)
            {
                diagnostics.Add(RefLikeItems(item, readable, location));
            }

            return (ReturnShape.AsyncEnumerable, item);
        }

        var argument = type is INamedTypeSymbol { TypeArguments.Length: 1 } generic ? generic.TypeArguments[0] : null;
        var isTask = SymbolFacts.Is(type, Tasks, "Task", 1);
        var isValueTask = SymbolFacts.Is(type, Tasks, "ValueTask", 1);
        if ((isTask || isValueTask) && SymbolFacts.AsyncEnumerableItem(argument) is not null)
        {
            // The stream would only start once the task completes; the proxy cannot hand one out before the call ends.
            diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.UnsupportedStreaming, location, readable,
                $"returns '{type.ToDisplayString(SymbolFacts.Readable)}'",
                $"a streaming method returns its stream itself, so return '{argument!.ToDisplayString(SymbolFacts.Readable)}' directly"));
            return (ReturnShape.Task, null);
        }

        if (isTask)
        {
            return (ReturnShape.TaskOfT, argument);
        }

        if (isValueTask)
        {
            return (ReturnShape.ValueTaskOfT, argument);
        }

        diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.UnsupportedReturnType, location, readable,
            type.ToDisplayString(SymbolFacts.Readable)));
        return (ReturnShape.Task, null);
    }

    private static (List<ParameterModel> Parameters, RequestStreamModel? RequestStream) ReadParameters(
        IMethodSymbol method, string readable, LocationInfo? methodLocation, List<DiagnosticInfo> diagnostics)
    {
        var parameters = new List<ParameterModel>(method.Parameters.Length);
        RequestStreamModel? requestStream = null;
        var tokens = method.Parameters.Count(p => SymbolFacts.IsCancellationToken(p.Type));
        var streams = method.Parameters.Where(p => SymbolFacts.AsyncEnumerableItem(p.Type) is not null).Select(p => p.Name).ToList();
        foreach (var parameter in method.Parameters)
        {
            var location = LocationInfo.From(parameter.Locations.FirstOrDefault(l => l.IsInSource)) ?? methodLocation;
            var type = parameter.Type;
            var isToken = SymbolFacts.IsCancellationToken(type);
            var item = SymbolFacts.AsyncEnumerableItem(type);
            if (parameter.RefKind != RefKind.None)
            {
                diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.ByReferenceParameter, location, readable, parameter.Name,
                    RefKindText(parameter.RefKind)));
            }
            else if (type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer || type.IsRefLikeType)
            {
                diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.UnsupportedParameterType, location, readable, parameter.Name,
                    type.ToDisplayString(SymbolFacts.Readable)));
            }
            else if (item is { IsRefLikeType: true })
            {
                diagnostics.Add(RefLikeItems(item, readable, location));
            }
            else if (item is not null && requestStream is not null && streams.Count > 1)
            {
                diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.UnsupportedStreaming, location, readable,
                    string.Format(CultureInfo.InvariantCulture, "takes {0} IAsyncEnumerable<T> parameters ('{1}')", streams.Count,
                        string.Join("', '", streams)),
                    "a call has one request stream at most, so merge them into one stream whose item type holds what each would send"));
                streams.Clear(); // reported once per method, at the first stream too many
            }
            else if (item is not null && type.NullableAnnotation == NullableAnnotation.Annotated)
            {
                // The proxy hands the stream to the client, which needs one; a server handler always gets one.
                diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.UnsupportedStreaming, location, readable,
                    $"declares its request stream '{parameter.Name}' nullable ('{type.ToDisplayString(SymbolFacts.Readable)}')",
                    "a call always has its request stream, so remove the '?' and pass an empty stream to send no items"));
            }
            else if (isToken && tokens > 1)
            {
                diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.CancellationTokenPosition, location, readable,
                    string.Format(CultureInfo.InvariantCulture, "takes {0} CancellationToken parameters", tokens)));
                tokens = 1; // reported once per method
            }
            else if (isToken && parameter.Ordinal != method.Parameters.Length - 1)
            {
                diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.CancellationTokenPosition, location, readable,
                    $"takes its CancellationToken '{parameter.Name}' before other parameters"));
            }

            var name = SymbolFacts.Identifier(parameter.Name);
            if (item is not null && requestStream is null)
            {
                requestStream = new RequestStreamModel(name, item.ToDisplayString(SymbolFacts.AnnotatedType), SymbolFacts.TypeOfName(item));
            }

            parameters.Add(new ParameterModel(
                name,
                type.ToDisplayString(SymbolFacts.AnnotatedType),
                SymbolFacts.TypeOfName(type),
                isToken ? ParameterRole.CancellationToken : item is not null ? ParameterRole.RequestStream : ParameterRole.Argument));
        }

        return (parameters, requestStream);
    }

    private static DiagnosticInfo RefLikeItems(ITypeSymbol item, string readable, LocationInfo? location) =>
        ContractReader.Diagnose(ContractDiagnostics.UnsupportedStreaming, location, readable,
            $"streams items of type '{item.ToDisplayString(SymbolFacts.Readable)}', a ref struct, which cannot be sent",
            "stream an ordinary value, array or class instead (for bytes, byte[] or ReadOnlyMemory<byte>)");

    /// <summary>How a method streams, as the rest of a sentence; null for a unary method.</summary>
    private static string? StreamingKind(ReturnShape shape, RequestStreamModel? requestStream) =>
        (shape == ReturnShape.AsyncEnumerable, requestStream is not null) switch
        {
            (true, true) => "streams both ways",
            (true, false) => "returns a stream",
            (false, true) => "takes a request stream",
            _ => null,
        };

    private static string RefKindText(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref",
        RefKind.Out => "out",
        RefKind.In => "in",
        _ => "ref readonly",
    };
}

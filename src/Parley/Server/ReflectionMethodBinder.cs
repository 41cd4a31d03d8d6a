using System.Reflection;
using Parley.Contracts;

namespace Parley.Server;

/// <summary>
/// Binds a method by reflection, for services without generated code: decodes into the argument types, injects the
/// call's <see cref="CancellationToken"/> and <see cref="ServerCallContext"/>, and unwraps Task/ValueTask results.
/// Names and attributes follow the same rules as the source generator.
/// </summary>
internal static class ReflectionMethodBinder
{
    public static RpcMethodDefinition Bind(string service, object target, MethodInfo method)
    {
        var name = ServiceNames.ForMethod(method);
        var where = $"{service}.{name} ({method.DeclaringType?.Name}.{method.Name})";
        if (method.IsGenericMethodDefinition)
        {
            throw new ArgumentException($"{where} is generic; service methods cannot be generic.");
        }

        var parameters = method.GetParameters();
        var sources = new ParameterSource[parameters.Length];
        var argumentTypes = new List<Type>(parameters.Length);
        Type? requestStreamType = null;
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            if (type.IsByRef || type.IsPointer)
            {
                throw new ArgumentException($"{where}: parameter '{parameters[i].Name}' is by-reference; use values.");
            }

            var itemType = ResultAdapters.StreamItemType(type);
            if (itemType is not null && requestStreamType is not null)
            {
                throw new ArgumentException($"{where} takes two IAsyncEnumerable<T> parameters; a call has at most one request stream.");
            }

            requestStreamType ??= itemType;
            sources[i] = type == typeof(CancellationToken) ? ParameterSource.CancellationToken
                : type == typeof(ServerCallContext) ? ParameterSource.Context
                : itemType is not null ? ParameterSource.RequestStream
                : ParameterSource.Argument;
            if (sources[i] == ParameterSource.Argument)
            {
                argumentTypes.Add(type);
            }
        }

        var (resultType, unwrap) = ResultAdapters.For(method.ReturnType, where);
        var responseStream = ResultAdapters.StreamItemType(method.ReturnType) is not null;
        var kind = (requestStreamType is not null, responseStream) switch
        {
            (true, true) => RpcMethodKind.BidirectionalStreaming,
            (true, false) => RpcMethodKind.ClientStreaming,
            (false, true) => RpcMethodKind.ServerStreaming,
            _ => RpcMethodKind.Unary,
        };
        var isOneWay = method.GetCustomAttribute<OneWayAttribute>() is not null;
        if (isOneWay && resultType is not null)
        {
            throw new ArgumentException($"{where} is [OneWay] but returns a value; one-way methods return Task, ValueTask or void.");
        }

        if (isOneWay && kind != RpcMethodKind.Unary)
        {
            throw new ArgumentException($"{where} is [OneWay] but streams; a one-way call has no stream.");
        }

        var openRequestStream = requestStreamType is null ? null : RequestStreamOpener(requestStreamType);

        var descriptor = new RpcMethodDescriptor(
            name,
            [.. argumentTypes],
            resultType,
            isOneWay,
            method.GetCustomAttribute<IdempotentAttribute>() is not null,
            method.GetCustomAttribute<RpcTimeoutAttribute>() is { } timeout ? TimeSpan.FromMilliseconds(timeout.Milliseconds) : null,
            kind,
            requestStreamType);
        return new RpcMethodDefinition(descriptor, (arguments, context) =>
        {
            var values = new object?[sources.Length];
            var next = 0;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = sources[i] switch
                {
                    ParameterSource.CancellationToken => context.CancellationToken,
                    ParameterSource.Context => context,
                    ParameterSource.RequestStream => openRequestStream!(context),
                    _ => arguments[next++],
                };
            }

            var returned = method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, values, culture: null);
            return unwrap(returned);
        });
    }

    private static readonly MethodInfo OpenTyped =
        typeof(ReflectionMethodBinder).GetMethod(nameof(OpenRequestStream), BindingFlags.NonPublic | BindingFlags.Static)!;

    // Bound once per method: the handler's parameter is typed, so the stream must be made for its item type.
    private static Func<ServerCallContext, object> RequestStreamOpener(Type itemType) =>
        OpenTyped.MakeGenericMethod(itemType).CreateDelegate<Func<ServerCallContext, object>>();

    private static object OpenRequestStream<T>(ServerCallContext context) => context.GetRequestStream<T>();

    private enum ParameterSource : byte
    {
        Argument,
        CancellationToken,
        Context,
        RequestStream,
    }
}

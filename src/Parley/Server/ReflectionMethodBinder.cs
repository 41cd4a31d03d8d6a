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
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            if (type.IsByRef || type.IsPointer)
            {
                throw new ArgumentException($"{where}: parameter '{parameters[i].Name}' is by-reference; use values.");
            }

            sources[i] = type == typeof(CancellationToken) ? ParameterSource.CancellationToken
                : type == typeof(ServerCallContext) ? ParameterSource.Context
                : ParameterSource.Argument;
            if (sources[i] == ParameterSource.Argument)
            {
                argumentTypes.Add(type);
            }
        }

        var (resultType, unwrap) = ResultAdapters.For(method.ReturnType, where);
        var isOneWay = method.GetCustomAttribute<OneWayAttribute>() is not null;
        if (isOneWay && resultType is not null)
        {
            throw new ArgumentException($"{where} is [OneWay] but returns a value; one-way methods return Task, ValueTask or void.");
        }

        var descriptor = new RpcMethodDescriptor(
            name,
            [.. argumentTypes],
            resultType,
            isOneWay,
            method.GetCustomAttribute<IdempotentAttribute>() is not null,
            method.GetCustomAttribute<RpcTimeoutAttribute>() is { } timeout ? TimeSpan.FromMilliseconds(timeout.Milliseconds) : null);
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
                    _ => arguments[next++],
                };
            }

            var returned = method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, values, culture: null);
            return unwrap(returned);
        });
    }

    private enum ParameterSource : byte
    {
        Argument,
        CancellationToken,
        Context,
    }
}

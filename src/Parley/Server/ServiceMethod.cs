using System.Reflection;

namespace Parley.Server;

/// <summary>
/// One method of a registered service, bound by reflection: decodes into <see cref="ArgumentTypes"/>, injects the
/// call's <see cref="CancellationToken"/> and <see cref="ServerCallContext"/>, and unwraps Task/ValueTask results.
/// </summary>
internal sealed class ServiceMethod
{
    private readonly object _target;
    private readonly MethodInfo _method;
    private readonly ParameterSource[] _sources;
    private readonly Func<object?, ValueTask<object?>> _unwrap;

    private ServiceMethod(
        string service, string name, object target, MethodInfo method, ParameterSource[] sources, Type[] argumentTypes,
        Type? resultType, Func<object?, ValueTask<object?>> unwrap)
    {
        Service = service;
        Name = name;
        _target = target;
        _method = method;
        _sources = sources;
        ArgumentTypes = argumentTypes;
        ResultType = resultType;
        _unwrap = unwrap;
    }

    public string Service { get; }

    public string Name { get; }

    /// <summary>The types of the arguments on the wire, in order (injected parameters excluded).</summary>
    public Type[] ArgumentTypes { get; }

    /// <summary>The result type, or null when the method returns nothing.</summary>
    public Type? ResultType { get; }

    private Dictionary<byte, string>? _uncarriedBy;

    /// <summary>Records which of the server's codecs cannot carry this method (see <see cref="Codecs.RpcCodec.CanCarry"/>).</summary>
    /// <returns>False when none of them can.</returns>
    public bool CheckCodecs(IEnumerable<Codecs.RpcCodec> codecs, out string? reasons)
    {
        var carried = false;
        var why = new List<string>();
        foreach (var codec in codecs)
        {
            if (codec.CanCarry(ArgumentTypes, ResultType, out var reason))
            {
                carried = true;
                continue;
            }

            (_uncarriedBy ??= [])[codec.Id] = reason ?? "unsupported types";
            why.Add($"{codec.Name}: {reason}");
        }

        reasons = string.Join("; ", why);
        return carried;
    }

    /// <summary>Why the codec with this id cannot carry this method, or null when it can.</summary>
    public string? WhyNotCarriedBy(byte codecId) => _uncarriedBy?.GetValueOrDefault(codecId);

    public static ServiceMethod Create(string service, object target, MethodInfo method)
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
        return new ServiceMethod(service, name, target, method, sources, [.. argumentTypes], resultType, unwrap);
    }

    /// <summary>Runs the method with decoded <paramref name="arguments"/>; returns its result (null for none).</summary>
    public ValueTask<object?> InvokeAsync(object?[] arguments, ServerCallContext context)
    {
        var values = new object?[_sources.Length];
        var next = 0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _sources[i] switch
            {
                ParameterSource.CancellationToken => context.CancellationToken,
                ParameterSource.Context => context,
                _ => arguments[next++],
            };
        }

        var returned = _method.Invoke(_target, BindingFlags.DoNotWrapExceptions, binder: null, values, culture: null);
        return _unwrap(returned);
    }

    private enum ParameterSource : byte
    {
        Argument,
        CancellationToken,
        Context,
    }
}

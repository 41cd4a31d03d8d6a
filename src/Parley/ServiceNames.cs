using System.Reflection;

namespace Parley;

/// <summary>The naming rules shared by every path that maps .NET types to wire names.</summary>
public static class ServiceNames
{
    /// <summary>The service name of <paramref name="contract"/>: its <see cref="RpcServiceAttribute"/> name, or the type name
    /// without the leading <c>I</c> of an interface.</summary>
    public static string ForService(Type contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (contract.GetCustomAttribute<RpcServiceAttribute>()?.Name is { Length: > 0 } name)
        {
            return name;
        }

        var typeName = contract.Name;
        var tick = typeName.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            typeName = typeName[..tick];
        }

        return contract.IsInterface && typeName.Length > 1 && typeName[0] == 'I' && char.IsUpper(typeName[1])
            ? typeName[1..]
            : typeName;
    }

    /// <summary>The method name of <paramref name="method"/>: its <see cref="RpcMethodAttribute"/> name, or its name
    /// without an <c>Async</c> suffix.</summary>
    public static string ForMethod(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.GetCustomAttribute<RpcMethodAttribute>()?.Name is { Length: > 0 } name)
        {
            return name;
        }

        return method.Name.Length > 5 && method.Name.EndsWith("Async", StringComparison.Ordinal)
            ? method.Name[..^5]
            : method.Name;
    }
}

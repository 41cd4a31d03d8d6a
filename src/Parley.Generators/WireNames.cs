using System;

namespace Parley.Generators;

/// <summary>
/// The naming rules of Parley.ServiceNames, reproduced over symbol data: the reflection path and generated code must
/// put the same names on the wire.
/// </summary>
internal static class WireNames
{
    /// <summary>The explicit <c>[RpcService]</c> name when it is non-empty, else the interface name minus a leading
    /// <c>I</c> that is followed by an upper-case letter.</summary>
    public static string ForService(string interfaceName, string? explicitName)
    {
        if (!string.IsNullOrEmpty(explicitName))
        {
            return explicitName!;
        }

        return interfaceName.Length > 1 && interfaceName[0] == 'I' && char.IsUpper(interfaceName[1])
            ? interfaceName.Substring(1)
            : interfaceName;
    }

    /// <summary>The explicit <c>[RpcMethod]</c> name when it is non-empty, else the method name minus an
    /// <c>Async</c> suffix (kept when it is the whole name).</summary>
    public static string ForMethod(string methodName, string? explicitName)
    {
        if (!string.IsNullOrEmpty(explicitName))
        {
            return explicitName!;
        }

        return methodName.Length > 5 && methodName.EndsWith("Async", StringComparison.Ordinal)
            ? methodName.Substring(0, methodName.Length - 5)
            : methodName;
    }

    /// <summary>Whether a name given by an attribute is non-empty but has no visible character, which the runtime rejects.</summary>
    public static bool IsBlank(string? explicitName) =>
        !string.IsNullOrEmpty(explicitName) && string.IsNullOrWhiteSpace(explicitName);
}

namespace Parley;

/// <summary>Marks a contract method as safe to run more than once, so that retry policies may repeat it.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class IdempotentAttribute : Attribute;

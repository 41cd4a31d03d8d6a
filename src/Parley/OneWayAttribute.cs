namespace Parley;

/// <summary>
/// Marks a contract method as one-way: proxies send it without waiting, and the server runs it without answering.
/// The method must return <see cref="Task"/>, <see cref="ValueTask"/> or nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OneWayAttribute : Attribute;

namespace Parley.Server;

/// <summary>Runs one method with its decoded arguments and returns its result (null when it returns nothing).</summary>
/// <param name="arguments">The decoded arguments, in the order of <see cref="Contracts.RpcMethodDescriptor.ArgumentTypes"/>.</param>
/// <param name="context">The call; its token fires on deadline, cancellation or disconnect.</param>
public delegate ValueTask<object?> RpcMethodInvoker(object?[] arguments, ServerCallContext context);

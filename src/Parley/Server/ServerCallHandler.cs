namespace Parley.Server;

/// <summary>
/// One step of the server's call pipeline. The last step decodes the arguments into
/// <see cref="ServerCallContext.Arguments"/>, runs the handler and stores <see cref="ServerCallContext.Result"/>.
/// A middleware receives the next step and returns its own: it may act before and after it, replace the result, or
/// end the call early by throwing <see cref="RpcException"/> without calling it.
/// </summary>
public delegate ValueTask ServerCallHandler(ServerCallContext context);

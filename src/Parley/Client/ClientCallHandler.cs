namespace Parley.Client;

/// <summary>
/// One step of the client's call pipeline; the last step makes the call. A middleware receives the next step and
/// returns its own: it may change <see cref="ClientCallContext.Options"/> (e.g. add metadata), observe the outcome,
/// or answer without calling the server. Returns the decoded result (null for none and for one-way calls).
/// </summary>
public delegate Task<object?> ClientCallHandler(ClientCallContext context);

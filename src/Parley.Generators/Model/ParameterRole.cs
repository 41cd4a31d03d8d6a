namespace Parley.Generators.Model;

/// <summary>What a contract method's parameter carries.</summary>
internal enum ParameterRole
{
    /// <summary>An argument: sent, in order, in the request's argument list.</summary>
    Argument,

    /// <summary>The call's <c>CancellationToken</c>: never sent.</summary>
    CancellationToken,

    /// <summary>The <c>IAsyncEnumerable&lt;T&gt;</c> whose items are the request stream.</summary>
    RequestStream,
}

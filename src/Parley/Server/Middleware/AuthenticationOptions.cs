using System.Security.Claims;

namespace Parley.Server.Middleware;

/// <summary>How <see cref="AuthenticationMiddleware"/> finds and checks a caller's token.</summary>
public sealed class AuthenticationOptions
{
    /// <summary>The request metadata key that carries the token. A leading "Bearer " is removed.</summary>
    /// <value>Default <c>authorization</c>.</value>
    public string MetadataKey { get; set; } = "authorization";

    /// <summary>
    /// Checks a token and returns the caller, or null when the token is not valid (the call fails UNAUTHENTICATED).
    /// Required. Runs for every call, concurrently: cache what is expensive.
    /// </summary>
    public Func<string, ServerCallContext, ValueTask<ClaimsPrincipal?>>? Authenticate { get; set; }

    /// <summary>
    /// Decides whether an authenticated caller may make this call; false fails it PERMISSION_DENIED.
    /// </summary>
    /// <value>Default null: every authenticated caller may call every method.</value>
    public Func<ClaimsPrincipal, ServerCallContext, ValueTask<bool>>? Authorize { get; set; }

    /// <summary>Calls that need no token at all (e.g. a health check). </summary>
    /// <value>Default null: every call needs a token.</value>
    public Func<ServerCallContext, bool>? AllowAnonymous { get; set; }
}

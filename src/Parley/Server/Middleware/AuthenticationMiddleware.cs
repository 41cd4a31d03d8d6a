namespace Parley.Server.Middleware;

/// <summary>
/// Checks a token from the request metadata before the handler runs (and before its arguments are decoded):
/// no token or a rejected one fails the call with UNAUTHENTICATED, a caller the authorization function refuses with
/// PERMISSION_DENIED. The caller is available to later middleware and handlers as <see cref="ServerCallContext.User"/>.
/// </summary>
public static class AuthenticationMiddleware
{
    /// <summary>Adds token authentication. Throws <see cref="ArgumentException"/> when no Authenticate function is set.</summary>
    public static RpcServerBuilder UseAuthentication(this RpcServerBuilder builder, Action<AuthenticationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AuthenticationOptions();
        configure(options);
        var authenticate = options.Authenticate
            ?? throw new ArgumentException("AuthenticationOptions.Authenticate is required.", nameof(configure));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.MetadataKey);
        return builder.Use(next => async context =>
        {
            if (options.AllowAnonymous?.Invoke(context) == true)
            {
                await next(context);
                return;
            }

            var token = context.RequestMetadata.Get(options.MetadataKey);
            if (string.IsNullOrWhiteSpace(token))
            {
                throw new RpcException(StatusCode.Unauthenticated, $"the call needs a token in the '{options.MetadataKey}' metadata");
            }

            if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                token = token["Bearer ".Length..].Trim();
            }

            var user = await authenticate(token, context)
                ?? throw new RpcException(StatusCode.Unauthenticated, "the token was not accepted");
            context.User = user;
            if (options.Authorize is { } authorize && !await authorize(user, context))
            {
                throw new RpcException(StatusCode.PermissionDenied,
                    $"{user.Identity?.Name ?? "the caller"} may not call {context.Service}.{context.Method}");
            }

            await next(context);
        });
    }
}

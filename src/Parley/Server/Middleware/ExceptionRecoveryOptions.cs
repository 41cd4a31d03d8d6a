namespace Parley.Server.Middleware;

/// <summary>
/// Which exceptions become which status in <see cref="ExceptionRecoveryMiddleware"/>. A handler's exception is matched
/// against the mappings most-derived type first; an unmatched one becomes INTERNAL.
/// </summary>
public sealed class ExceptionRecoveryOptions
{
    private readonly Dictionary<Type, Func<Exception, RpcException>> _mappings = [];

    /// <summary>Creates the options with the default mappings.</summary>
    /// <remarks>
    /// Defaults: <see cref="ArgumentException"/> → INVALID_ARGUMENT, <see cref="KeyNotFoundException"/> → NOT_FOUND,
    /// <see cref="UnauthorizedAccessException"/> → PERMISSION_DENIED, <see cref="NotSupportedException"/> and
    /// <see cref="NotImplementedException"/> → UNIMPLEMENTED, <see cref="TimeoutException"/> → DEADLINE_EXCEEDED,
    /// <see cref="InvalidOperationException"/> → FAILED_PRECONDITION; each with the exception's message.
    /// </remarks>
    public ExceptionRecoveryOptions()
    {
        Map<ArgumentException>(StatusCode.InvalidArgument);
        Map<KeyNotFoundException>(StatusCode.NotFound);
        Map<UnauthorizedAccessException>(StatusCode.PermissionDenied);
        Map<NotSupportedException>(StatusCode.Unimplemented);
        Map<NotImplementedException>(StatusCode.Unimplemented);
        Map<TimeoutException>(StatusCode.DeadlineExceeded);
        Map<InvalidOperationException>(StatusCode.FailedPrecondition);
    }

    /// <summary>The detail sent for an unmatched exception (the exception itself is logged).</summary>
    /// <value>Default "an internal error occurred". With <see cref="RpcServerOptions.IncludeExceptionDetails"/> the full
    /// exception is sent instead.</value>
    public string InternalErrorDetail { get; set; } = "an internal error occurred";

    /// <summary>Maps <typeparamref name="TException"/> (and types derived from it) to <paramref name="status"/>, with its message.</summary>
    public ExceptionRecoveryOptions Map<TException>(StatusCode status)
        where TException : Exception =>
        Map<TException>(exception => new RpcException(status, exception.Message, exception));

    /// <summary>Maps <typeparamref name="TException"/> (and derived types) with a function that builds the error.</summary>
    public ExceptionRecoveryOptions Map<TException>(Func<TException, RpcException> map)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(map);
        _mappings[typeof(TException)] = exception => map((TException)exception);
        return this;
    }

    /// <summary>Removes every mapping, the defaults included.</summary>
    public ExceptionRecoveryOptions Clear()
    {
        _mappings.Clear();
        return this;
    }

    internal RpcException? TryMap(Exception exception)
    {
        for (var type = exception.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            if (_mappings.TryGetValue(type, out var map))
            {
                return map(exception);
            }
        }

        return null;
    }
}

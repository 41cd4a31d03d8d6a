namespace Parley.Transport;

/// <summary>The connection was closed locally with <see cref="ITransportConnection.Abort"/>.</summary>
public sealed class ConnectionAbortedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ConnectionAbortedException()
        : base("The connection was aborted locally.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConnectionAbortedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ConnectionAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

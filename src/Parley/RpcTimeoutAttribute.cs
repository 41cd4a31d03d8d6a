namespace Parley;

/// <summary>Gives a contract method its own timeout, used when a call sets neither a timeout nor a deadline.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RpcTimeoutAttribute : Attribute
{
    /// <summary>Sets the timeout in milliseconds (positive).</summary>
    public RpcTimeoutAttribute(int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(milliseconds);
        Milliseconds = milliseconds;
    }

    /// <summary>The timeout in milliseconds.</summary>
    public int Milliseconds { get; }
}

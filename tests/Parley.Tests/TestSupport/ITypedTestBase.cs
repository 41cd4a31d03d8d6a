namespace Parley.Tests.TestSupport;

/// <summary>A base of <see cref="ITypedTestService"/>: inherited methods are part of the generated contract.</summary>
public interface ITypedTestBase
{
    Task<string> WhoAmIAsync();
}

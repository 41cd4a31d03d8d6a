namespace Parley.Tests.Hosting;

/// <summary>A contract for typed client registrations; its generated code is registered by hand in <see cref="HostedEcho"/>.</summary>
public interface IHostedEcho
{
    Task<string> ShoutAsync(string text);
}

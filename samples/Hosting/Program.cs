using System.Net;
using HostingSample;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Configuration;
using Parley.Server.Middleware;

// Configuration, later sources winning: appsettings.json, appsettings.{Environment}.json, environment variables,
// the command line, then PARLEY_ environment variables (PARLEY_SERVER__DRAINTIMEOUT=00:00:03 is Parley:Server:DrainTimeout).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory, // finds appsettings.json wherever `dotnet run` is started from
});
builder.Configuration.AddParleyEnvironmentVariables();
var port = builder.Configuration.GetValue("Calculator:Port", 5050);

// The server: options from Parley:Server, Calculator created by the container, stopped gracefully by the host
// (Ctrl+C or SIGTERM: running calls get the drain timeout to finish).
builder.Services.AddParleyServer(builder.Configuration, server => server
    .AddService<ICalculator, Calculator>()
    .ListenTcp(IPAddress.Loopback, port)
    .UseLogging()
    .UseExceptionRecovery());

// A client for the same server, its address and options from Parley:Client, and a service that calls once at startup.
builder.Services.AddParleyClient(Program.ClientName, builder.Configuration, ParleyConfiguration.ClientSection);
builder.Services.AddHostedService<StartupCall>();

try
{
    await builder.Build().RunAsync();
    return 0;
}
catch (RpcConfigurationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

/// <summary>The sample's entry point.</summary>
internal sealed partial class Program
{
    /// <summary>The name of the sample's client in the container.</summary>
    public const string ClientName = "calculator";
}

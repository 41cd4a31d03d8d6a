using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Parley.Client;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Samples;

public sealed class HostingSampleTests
{
    [Fact]
    public async Task Run_ConfiguredFromEnvironment_AnswersCallsAndExitsZeroOnSigterm()
    {
        var port = FreePort();
        await using var sample = HostingSampleProcess.Start(new Dictionary<string, string>
        {
            ["Calculator__Port"] = port,
            ["PARLEY_CLIENT__ADDRESS"] = $"tcp://127.0.0.1:{port}",
            ["PARLEY_SERVER__PRESET"] = "Development",
        });
        await sample.WaitForOutputAsync("Add(2, 3) = 5").DefaultTimeout();
        await using var client = RpcClient.Create($"tcp://127.0.0.1:{port}");

        var sum = await client.InvokeAsync<int>("Calculator", "Add", [40, 2]).DefaultTimeout();
        var divide = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync<int>("Calculator", "Divide", [1, 0])).DefaultTimeout();
        sample.Terminate();
        var exitCode = await sample.WaitForExitAsync().DefaultTimeout();

        Assert.Equal(42, sum);
        Assert.Equal(StatusCode.Internal, divide.StatusCode);
        Assert.Contains("System.DivideByZeroException", divide.Detail, StringComparison.Ordinal); // the Development preset's details
        Assert.True(exitCode == 0, sample.Output);
        Assert.Contains($"Parley server listening on 127.0.0.1:{port}", sample.Output, StringComparison.Ordinal);
        Assert.Contains("Application is shutting down...", sample.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidEnvironmentVariable_ExitsOneNamingTheVariable()
    {
        await using var sample = HostingSampleProcess.Start(new Dictionary<string, string>
        {
            ["Calculator__Port"] = FreePort(),
            ["PARLEY_SERVER__MAXCONNECTIONS"] = "lots",
        });

        var exitCode = await sample.WaitForExitAsync().DefaultTimeout();

        Assert.True(exitCode == 1, sample.Output);
        Assert.Contains("(environment variable PARLEY_SERVER__MAXCONNECTIONS): 'lots' is not a whole number.", sample.Output, StringComparison.Ordinal);
    }

    private static string FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}

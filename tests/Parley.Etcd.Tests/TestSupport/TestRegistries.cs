using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Discovery;

namespace Parley.Etcd.Tests.TestSupport;

/// <summary>Registries on a test etcd, with timeouts and backoff short enough for failures to heal within a test.</summary>
public static class TestRegistries
{
    public static EtcdRegistryOptions Options(EtcdServer etcd, HttpMessageHandler? network = null, ILoggerFactory? logs = null) => new()
    {
        Endpoints = [etcd.ClientUrl],
        LeaseTtl = TimeSpan.FromSeconds(5),
        RequestTimeout = TimeSpan.FromSeconds(2),
        RetryInitialBackoff = TimeSpan.FromMilliseconds(50),
        RetryMaxBackoff = TimeSpan.FromMilliseconds(500),
        WatchCheckInterval = TimeSpan.FromSeconds(1),
        HttpMessageHandler = network,
        LoggerFactory = logs ?? NullLoggerFactory.Instance,
    };

    public static EtcdRegistry Create(EtcdServer etcd, HttpMessageHandler? network = null, ILoggerFactory? logs = null) =>
        new(Options(etcd, network, logs));

    /// <summary>A service name no other test uses, so that tests can share one etcd.</summary>
    public static string NewService() => "calc-" + Guid.NewGuid().ToString("N")[..8];

    public static ServiceInstance Instance(string service, string id, int port = 5050) =>
        new(service, id, new IPEndPoint(IPAddress.Loopback, port));
}

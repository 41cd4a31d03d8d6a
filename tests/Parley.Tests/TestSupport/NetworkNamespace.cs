using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Parley.Tests.TestSupport;

/// <summary>
/// A Linux network namespace standing for one host of a test cluster: its own network stack, joined to the root
/// namespace (where the test runs) by a veth pair on a private /30 of 10.231.0.0/16. The test reaches it at
/// <see cref="Address"/>; processes inside it reach the test at <see cref="HostAddress"/>. Needs root (CAP_NET_ADMIN)
/// and iproute2. Not thread-safe: one test drives it.
/// </summary>
/// <remarks>
/// <see cref="Partition"/> takes the namespace's end of the veth down. The root side keeps a permanent neighbour entry
/// for the namespace, so traffic is silently dropped both ways (as with a cut cable) instead of failing fast with "no
/// route" or, after ARP gives up, "host unreachable": connections hang and new ones time out.
/// </remarks>
public sealed partial class NetworkNamespace : IAsyncDisposable
{
    /// <summary>Namespaces are named <c>parley-&lt;test process id&gt;-&lt;n&gt;</c>; host-side veths <c>pl-&lt;pid&gt;-&lt;n&gt;</c>.</summary>
    public const string NamePrefix = "parley-";

    private const string InnerInterface = "eth0";

    // Machine-wide, because test runs of several checkouts may share the machine and must not pick the same /30.
    private static readonly string AllocationLock = Path.Combine(Path.GetTempPath(), "parley-netns.lock");
    private static int _created;
    private static int _staleRemoved;

    private readonly string _hostInterface;
    private readonly List<ChildProcess> _processes = [];
    private bool _disposed;

    private NetworkNamespace(string name, string hostInterface, IPAddress hostAddress, IPAddress address)
    {
        Name = name;
        _hostInterface = hostInterface;
        HostAddress = hostAddress;
        Address = address;
    }

    public string Name { get; }

    /// <summary>The namespace's own address, where its servers listen and the test connects.</summary>
    public IPAddress Address { get; }

    /// <summary>The root namespace's end of the veth: the address at which processes inside reach the test.</summary>
    public IPAddress HostAddress { get; }

    public bool IsPartitioned { get; private set; }

    /// <summary>
    /// Creates a namespace with its veth pair and addresses, links and <c>lo</c> up. The first call in a process also
    /// removes namespaces left by earlier test runs whose process is gone.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>ip</c> is missing or not permitted (the message says what to do).</exception>
    public static NetworkNamespace Create()
    {
        var pid = Environment.ProcessId;
        var n = Interlocked.Increment(ref _created);
        var name = string.Create(CultureInfo.InvariantCulture, $"{NamePrefix}{pid}-{n}");
        var hostInterface = string.Create(CultureInfo.InvariantCulture, $"pl-{pid}-{n}"); // at most 15 characters
        if (Interlocked.Exchange(ref _staleRemoved, 1) == 0)
        {
            RemoveStale();
        }

        using var allocation = LockAllocation();
        var block = FreeBlock();
        var hostAddress = BlockAddress(block, 1);
        var address = BlockAddress(block, 2);
        var hostMac = Mac(block, 1);
        var mac = Mac(block, 2);
        try
        {
            IpCommand.Run("netns", "add", name);
            IpCommand.Run("link", "add", hostInterface, "address", hostMac, "type", "veth",
                "peer", "name", InnerInterface, "address", mac, "netns", name);
            IpCommand.Run("addr", "add", $"{hostAddress}/30", "dev", hostInterface);
            IpCommand.Run("link", "set", hostInterface, "up");
            IpCommand.Run("neigh", "replace", address.ToString(), "lladdr", mac, "dev", hostInterface, "nud", "permanent");
            IpCommand.Run("-n", name, "addr", "add", $"{address}/30", "dev", InnerInterface);
            IpCommand.Run("-n", name, "link", "set", InnerInterface, "up");
            IpCommand.Run("-n", name, "link", "set", "lo", "up");
        }
        catch
        {
            IpCommand.TryRun("link", "del", hostInterface);
            IpCommand.TryRun("netns", "del", name);
            throw;
        }

        return new NetworkNamespace(name, hostInterface, hostAddress, address);
    }

    /// <summary>
    /// Starts <paramref name="start"/> inside the namespace (through <c>ip netns exec</c>, which execs in place, so the
    /// process id is the command's). The namespace kills it on disposal.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="start"/> has its arguments in one string: use ArgumentList.</exception>
    public ChildProcess StartProcess(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentException.ThrowIfNullOrEmpty(start.FileName);
        if (start.Arguments.Length > 0)
        {
            throw new ArgumentException("Give the arguments in ArgumentList, so that they pass through ip netns exec unchanged.", nameof(start));
        }

        string[] prefix = ["netns", "exec", Name, start.FileName];
        for (var i = 0; i < prefix.Length; i++)
        {
            start.ArgumentList.Insert(i, prefix[i]);
        }

        start.FileName = "ip";
        var process = ChildProcess.Start(start);
        _processes.Add(process);
        return process;
    }

    /// <summary>Cuts the namespace off: packets to and from it are dropped until <see cref="Heal"/>.</summary>
    public void Partition()
    {
        IpCommand.Run("-n", Name, "link", "set", InnerInterface, "down");
        IsPartitioned = true;
    }

    /// <summary>Joins the namespace to the network again; connections that have not timed out carry on.</summary>
    public void Heal()
    {
        IpCommand.Run("-n", Name, "link", "set", InnerInterface, "up");
        IsPartitioned = false;
    }

    /// <summary>Kills every process inside the namespace and deletes it with its veth pair. A second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        Remove(Name, _hostInterface);
    }

    private static void Remove(string name, string hostInterface)
    {
        // A namespace lives on while a process is inside it, whatever `ip netns del` says; so kill first. Deleting the
        // host end of the veth removes both ends at once.
        foreach (var pid in IpCommand.Output("netns", "pids", name).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var kill = Process.Start("kill", ["-KILL", pid.Trim()]);
            kill.WaitForExit();
        }

        IpCommand.TryRun("link", "del", hostInterface);
        IpCommand.TryRun("netns", "del", name);
    }

    /// <summary>
    /// Removes the namespaces (and lone host veths) left by test processes that are gone, e.g. killed by a hang timeout,
    /// with any process still inside them. <see cref="Create"/> does it once per test process.
    /// </summary>
    public static void RemoveStale()
    {
        using var allocation = LockAllocation();
        foreach (Match match in StaleNamespace().Matches(IpCommand.Output("netns", "list")))
        {
            if (!Directory.Exists("/proc/" + match.Groups["pid"].Value))
            {
                Remove(match.Value, $"pl-{match.Groups["pid"].Value}-{match.Groups["n"].Value}");
            }
        }

        foreach (Match match in StaleHostInterface().Matches(IpCommand.Output("-o", "link", "show")))
        {
            if (!Directory.Exists("/proc/" + match.Groups["pid"].Value))
            {
                IpCommand.TryRun("link", "del", match.Groups["name"].Value);
            }
        }
    }

    // The first /30 of 10.231.0.0/16 that no interface of the root namespace has an address in.
    private static int FreeBlock()
    {
        var used = UsedAddress().Matches(IpCommand.Output("-o", "-4", "addr", "show"))
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 256 + int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) / 4)
            .ToHashSet();
        for (var block = 0; block < 16384; block++)
        {
            if (!used.Contains(block))
            {
                return block;
            }
        }

        throw new InvalidOperationException("Every /30 of 10.231.0.0/16 is in use: are test namespaces leaking?");
    }

    private static IPAddress BlockAddress(int block, int host) =>
        new([10, 231, (byte)(block * 4 / 256), (byte)(block * 4 % 256 + host)]);

    // Locally administered addresses, unique per /30 as the addresses are.
    private static string Mac(int block, int host) =>
        string.Create(CultureInfo.InvariantCulture, $"02:70:6c:{block >> 8:x2}:{block & 0xff:x2}:{host:x2}");

    private static FileStream LockAllocation()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                return new FileStream(AllocationLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20); // held by another test process for the few milliseconds of one allocation
            }
        }
    }

    [GeneratedRegex(@"^parley-(?<pid>\d+)-(?<n>\d+)\b", RegexOptions.Multiline)]
    private static partial Regex StaleNamespace();

    [GeneratedRegex(@"^\d+: (?<name>pl-(?<pid>\d+)-\d+)[@:]", RegexOptions.Multiline)]
    private static partial Regex StaleHostInterface();

    [GeneratedRegex(@"inet 10\.231\.(\d+)\.(\d+)/")]
    private static partial Regex UsedAddress();
}

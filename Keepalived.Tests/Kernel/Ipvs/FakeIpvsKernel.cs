using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Libc;
using DesiredService = Keepalived.Actors.Kernel.Ipvs.IpvsActor.DesiredService;

namespace Keepalived.Tests.Kernel.Ipvs;

/// <summary>
/// An IPVS table in memory that answers as the kernel does (checked in the VM, see
/// tests/ipvs-kernel): EEXIST on a NEW of something present, ESRCH for a missing service,
/// ENOENT for a missing destination or an unknown scheduler. Tests change it behind the actor's
/// back (as ipvsadm would), make ip_vs missing, inject errors, or say how many active
/// connections a destination has. Shared by every incarnation of the actor; thread-safe.
/// </summary>
internal sealed class FakeIpvsKernel : IIpvsKernel
{
    private readonly object _gate = new();
    private readonly List<DesiredService> _table = [];
    private readonly List<string> _sent = [];
    private readonly Dictionary<(IpvsServiceKey, IpvsDestinationKey), uint> _active = [];

    public FakeIpvsKernel(params DesiredService[] table) => _table.AddRange(table);

    /// <summary>Whether the IPVS family exists (ip_vs loaded).</summary>
    public bool Loaded { get; set; } = true;

    /// <summary>What modprobe ip_vs does: load it, or fail.</summary>
    public bool ModprobeWorks { get; set; } = true;

    public int ModprobeRuns { get; private set; }

    /// <summary>An error for an operation instead of doing it (null: do it).</summary>
    public Func<IpvsOperation, Errno?> FailWith { get; set; } = _ => null;

    public IpvsTimeouts Timeouts { get; set; } = new(900, 120, 300);

    public HashSet<(IpvsSyncState, string, uint)> Daemons { get; } = [];

    /// <summary>Every change received, failed ones too, with the outcome.</summary>
    public IReadOnlyList<string> Sent
    {
        get { lock (_gate) return _sent.ToList(); }
    }

    public IReadOnlyList<DesiredService> Table
    {
        get { lock (_gate) return _table.ToList(); }
    }

    /// <summary>ipvsadm -D behind the actor's back.</summary>
    public void Remove(IpvsServiceKey key)
    {
        lock (_gate) _table.RemoveAll(s => IpvsServiceKey.Of(s.Service) == key);
    }

    /// <summary>ipvsadm -A / -a behind the actor's back (a foreign entry, or a leftover).</summary>
    public void Put(DesiredService service)
    {
        lock (_gate)
        {
            Remove(IpvsServiceKey.Of(service.Service));
            _table.Add(service);
        }
    }

    public void Open()
    {
        if (!Loaded) throw new ErrnoException("CTRL_CMD_GETFAMILY IPVS", Errno.ENOENT);
    }

    /// <summary>What the next dumps show as <paramref name="destination"/>'s active connections (while the kernel has it).</summary>
    public void SetActiveConnections(DesiredService service, in IpvsDestination destination, uint count)
    {
        lock (_gate) _active[(IpvsServiceKey.Of(service.Service), IpvsDestinationKey.Of(destination))] = count;
    }

    public IReadOnlyList<DesiredService> Dump(IReadOnlyCollection<IpvsService>? only = null)
    {
        Open();
        lock (_gate)
        {
            var keys = only?.Select(s => IpvsServiceKey.Of(s)).ToHashSet();
            var read = _table.Where(s => keys is null || keys.Contains(IpvsServiceKey.Of(s.Service))).ToList();
            LastDumpDestinationsOf = keys?.ToList() ?? read.Select(s => IpvsServiceKey.Of(s.Service)).ToList();
            return read.Select(s => s with { ActiveConnections = ActiveConnections(s) }).ToList();
        }
    }

    /// <summary>The services the last dump asked about (every one the kernel had, for a whole dump).</summary>
    public IReadOnlyList<IpvsServiceKey> LastDumpDestinationsOf { get; private set; } = [];

    private Dictionary<IpvsDestinationKey, uint> ActiveConnections(DesiredService service)
    {
        var key = IpvsServiceKey.Of(service.Service);
        var active = new Dictionary<IpvsDestinationKey, uint>();
        foreach (var d in service.Destinations)
            if (_active.TryGetValue((key, IpvsDestinationKey.Of(d)), out var count) && count > 0)
                active[IpvsDestinationKey.Of(d)] = count;
        return active;
    }

    public Errno Apply(IpvsOperation operation)
    {
        Open();
        lock (_gate)
        {
            var errno = FailWith(operation) ?? Change(_table, operation);
            _sent.Add(errno == Errno.None ? operation.ToString() : $"{operation}: {errno}");
            return errno;
        }
    }

    /// <summary>The kernel's answer to <paramref name="operation"/> on <paramref name="table"/>, which it changes.</summary>
    public static Errno Change(List<DesiredService> table, IpvsOperation operation)
    {
        var key = operation.ServiceKey;
        var index = table.FindIndex(s => IpvsServiceKey.Of(s.Service) == key);
        if (operation.Command == IpvsCommand.NewService)
        {
            if (index >= 0) return Errno.EEXIST;
            if (operation.Service.Scheduler == "nosuch") return Errno.ENOENT;
            table.Add(new DesiredService(operation.Service, []));
            return Errno.None;
        }
        if (index < 0) return Errno.ESRCH;
        var service = table[index];
        switch (operation.Command)
        {
            case IpvsCommand.SetService:
                if (operation.Service.Scheduler == "nosuch") return Errno.ENOENT;
                table[index] = service with { Service = operation.Service };
                return Errno.None;
            case IpvsCommand.DelService:
                table.RemoveAt(index);
                return Errno.None;
        }
        var d = operation.Destination ?? throw new ArgumentException("a destination command without a destination");
        var dests = service.Destinations.ToList();
        var at = dests.FindIndex(x => IpvsDestinationKey.Of(x) == IpvsDestinationKey.Of(d));
        switch (operation.Command)
        {
            case IpvsCommand.NewDest when at >= 0: return Errno.EEXIST;
            case IpvsCommand.NewDest: dests.Add(d); break;
            case IpvsCommand.SetDest when at < 0: return Errno.ENOENT;
            case IpvsCommand.SetDest: dests[at] = d; break;
            case IpvsCommand.DelDest when at < 0: return Errno.ENOENT;
            case IpvsCommand.DelDest: dests.RemoveAt(at); break;
            default: return Errno.EINVAL;
        }
        table[index] = service with { Destinations = dests };
        return Errno.None;
    }

    public IpvsTimeouts GetTimeouts()
    {
        Open();
        return Timeouts;
    }

    public Errno SetTimeouts(IpvsTimeouts timeouts)
    {
        Open();
        lock (_gate)
        {
            _sent.Add($"SET_CONFIG {timeouts.Tcp} {timeouts.TcpFin} {timeouts.Udp}");
            Timeouts = timeouts;
        }
        return Errno.None;
    }

    public Errno SyncDaemon(IpvsSyncDaemon daemon, bool start)
    {
        Open();
        lock (_gate)
        {
            var key = (daemon.State, daemon.Interface, daemon.SyncId);
            _sent.Add($"{(start ? "NEW_DAEMON" : "DEL_DAEMON")} {daemon.State} {daemon.Interface} {daemon.SyncId}");
            return start ? Daemons.Add(key) ? Errno.None : Errno.EEXIST : Daemons.Remove(key) ? Errno.None : Errno.ESRCH;
        }
    }

    public bool LoadModule()
    {
        lock (_gate)
        {
            ModprobeRuns++;
            if (ModprobeWorks) Loaded = true;
            return ModprobeWorks;
        }
    }

    public void Dispose() { }
}

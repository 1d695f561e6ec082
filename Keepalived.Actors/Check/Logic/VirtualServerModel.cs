using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Kernel.Ipvs;

namespace Keepalived.Actors.Check.Logic;

/// <summary>
/// A virtual server's pool as keepalived's ipwrapper.c keeps it: which real servers are alive,
/// which are in the kernel and with what weight, the quorum and the sorry server. Its methods
/// are keepalived's (init_service_vs, perform_svr_state, update_svr_wgt, update_quorum_state,
/// clear_service_vs) and ipvs_cmd is played on the model rather than on the kernel: the IPVS
/// table is then read off it (<see cref="Table"/>) and the IPVS actor makes the kernel agree.
/// Scripts, FIFO lines and log lines come out in order through <see cref="TakeEffects"/>.
/// </summary>
public sealed partial class VirtualServerModel
{
    private readonly VirtualServer _vs;
    private readonly Server[] _servers;
    private readonly Server? _sorry;
    private readonly IReadOnlyList<IpvsService> _services;
    private readonly List<CheckEffect> _effects = [];

    /// <summary>Real (or sorry) server entry: rs->alive, rs->set, the weight last given to the kernel.</summary>
    private sealed class Server(RealServer config, string name, bool inhibit)
    {
        public RealServer Config { get; } = config;
        public string Name { get; } = name;
        public bool Inhibit { get; set; } = inhibit;
        public bool Alive { get; set; }
        /// <summary>Some checker of it is down (num_failed_checkers &gt; 0).</summary>
        public bool Failing { get; set; }
        public bool Set { get; set; }
        public long EffectiveWeight { get; set; }
        public int KernelWeight { get; set; }
    }

    public VirtualServerModel(VirtualServer vs)
    {
        _vs = vs;
        Name = vs.ToString();
        _services = IpvsMapping.Services(vs);
        _servers = vs.RealServers
            .Select(rs => new Server(rs, RealServerName(rs, vs), rs.InhibitOnFailure ?? vs.InhibitOnFailure) { EffectiveWeight = rs.Weight ?? vs.Weight })
            .ToArray();
        if (vs.SorryServer is { } sorry)
            _sorry = new Server(sorry, RealServerName(sorry, vs), sorry.InhibitOnFailure ?? false) { EffectiveWeight = 1 };
        QuorumUp = WeighLiveServers() >= Threshold;
    }

    /// <summary>FMT_VS: <c>[group]:n</c>, <c>FWM n</c> or <c>[addr]:proto:port</c>.</summary>
    public string Name { get; }

    public bool QuorumUp { get; private set; }

    public int Count => _servers.Length;

    public bool IsAlive(int server) => _servers[server].Alive;

    public bool InKernel(int server) => _servers[server].Set;

    public bool SorryInUse => _sorry is { Alive: true };

    /// <summary>FMT_RS: <c>[addr]:proto:port</c>.</summary>
    public string ServerName(int server) => _servers[server].Name;

    /// <summary>The kernel table this pool wants: every service with the destinations that are set, real servers first, then the sorry server.</summary>
    public IReadOnlyList<(IpvsService Service, IReadOnlyList<IpvsDestination> Destinations)> Table()
    {
        if (Stopped) return [];
        var table = new List<(IpvsService, IReadOnlyList<IpvsDestination>)>(_services.Count);
        foreach (var service in _services)
        {
            var destinations = new List<IpvsDestination>();
            foreach (var s in _servers)
                if (s.Set) destinations.Add(IpvsMapping.Destination(s.Config, service, s.KernelWeight));
            if (_sorry is { Set: true } sorry) destinations.Add(IpvsMapping.Destination(sorry.Config, service, sorry.KernelWeight));
            table.Add((service, destinations));
        }
        return table;
    }

    /// <summary>The effects since the last call, in order.</summary>
    public IReadOnlyList<CheckEffect> TakeEffects()
    {
        if (_effects.Count == 0) return [];
        var effects = _effects.ToArray();
        _effects.Clear();
        return effects;
    }

    /// <summary>
    /// init_service_vs: every real server none of whose checkers is down starts alive and in the
    /// kernel at once; one with inhibit_on_failure is in the kernel with weight 0 if it is not
    /// healthy; then the quorum, then an inhibited sorry server with weight 0.
    /// </summary>
    /// <param name="failing">Per real server: some checker starts down (alpha, FILE_CHECK in fault).</param>
    /// <param name="initNotifies">global rs_init_notifies: run notify_up for the servers that start alive.</param>
    public void Start(IReadOnlyList<bool> failing, bool initNotifies = false)
    {
        for (var i = 0; i < _servers.Length; i++)
        {
            var s = _servers[i];
            s.Failing = failing[i];
            if ((!s.Failing && !s.Alive) || (s.Inhibit && !s.Set))
            {
                Command(s, add: true);
                if (!s.Failing)
                {
                    s.Alive = true;
                    if (initNotifies) ServerNotifies(s, stopping: false);
                }
            }
        }
        UpdateQuorum(init: true);
        if (_sorry is { Inhibit: true, Set: false } sorry)
        {
            sorry.Failing = true;
            Command(sorry, add: true);
            sorry.Failing = false;
        }
    }

    /// <summary>
    /// perform_svr_state: the server's checkers now all pass (<paramref name="alive"/>) or one
    /// has failed. The kernel changes only while the pool is in use (quorum, or no sorry server
    /// holding it); the notify runs and the quorum is weighed again either way.
    /// </summary>
    public void SetAlive(int server, bool alive)
    {
        var s = _servers[server];
        if (s.Alive == alive)
        {
            s.Failing = !alive;
            return;
        }
        Log($"{(alive ? s.Inhibit ? "Enabling" : "Adding" : s.Inhibit ? "Disabling" : "Removing")} service {s.Name} {(s.Inhibit ? "of" : alive ? "to" : "from")} VS {Name}");
        if (PoolInUse) Command(s, alive);
        s.Alive = alive;
        s.Failing = !alive;
        ServerNotifies(s, stopping: false);
        UpdateQuorum(init: false);
    }

    /// <summary>
    /// The first result of a checker equal to the state the server already had (keepalived's
    /// update_svr_checker_state with !has_run): under alpha, or for a failure, the server's
    /// notify runs although nothing changed.
    /// </summary>
    public void FirstResultNotify(int server) => ServerNotifies(_servers[server], stopping: false);

    /// <summary>update_svr_wgt: the effective weight (configured + the checkers' shares) changed.</summary>
    public void SetWeight(int server, long effectiveWeight)
    {
        var s = _servers[server];
        int old = IpvsMapping.RealWeight(s.EffectiveWeight), now = IpvsMapping.RealWeight(effectiveWeight);
        s.EffectiveWeight = effectiveWeight;
        if (old == now) return;
        Log($"Changing weight from {old} to {now} for {(s.Alive ? "" : "in")}active service {s.Name} of VS {Name}");
        if (s.Set && s.Alive && PoolInUse) s.KernelWeight = now;
        UpdateQuorum(init: false);
    }

    /// <summary>The pool's own servers are in the kernel: quorum, or no sorry server holding the pool.</summary>
    private bool PoolInUse => QuorumUp || _sorry is not { Alive: true };

    private long Threshold => (long)_vs.Quorum + (QuorumUp ? -1 : 1) * (long)_vs.Hysteresis;

    private long WeighLiveServers()
    {
        long sum = 0;
        foreach (var s in _servers)
            if (s.Alive) sum += IpvsMapping.RealWeight(s.EffectiveWeight);
        return sum;
    }

    private static string RealServerName(RealServer rs, VirtualServer vs) => rs.Address.Trio(vs.Protocol);

    private void Log(string message) => _effects.Add(new CheckEffect.Log(message));
}

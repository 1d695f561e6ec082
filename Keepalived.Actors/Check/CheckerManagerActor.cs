using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Check.Logic;
using Keepalived.Actors.Check.Probes;
using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Runtime;
using Keepalived.Actors.Tracking;

namespace Keepalived.Actors.Check;

/// <summary>
/// The health checker (<c>/user/watchdog/check</c>, keepalived's checker process, absent under
/// -P): it makes the IPVS leaf, the notifier, the track files FILE_CHECKs follow, and one
/// <see cref="VirtualServerActor"/> per virtual_server in configuration order, each with its
/// real servers and their checkers. On <see cref="Shutdown"/> the virtual servers run their stop
/// notifies, then the IPVS leaf deletes every owned entry in configuration order (clear_services).
/// </summary>
public sealed class CheckerManagerActor : ServiceActor, IWithTimers
{
    /// <summary>How long the virtual servers wait for the IPVS leaf to answer for the first table before they start anyway.</summary>
    public static readonly TimeSpan FirstTableTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan StopStepTimeout = TimeSpan.FromSeconds(3);
    /// <summary>Tens of thousands of deletions take a few seconds; the watchdog allows the checker 30.</summary>
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(25);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly KeepalivedConfig _config;
    private readonly Settings _settings;
    private readonly CheckLeafProps _leaves;
    private readonly List<IActorRef> _virtualServers = [];
    /// <summary>The ha_suspend virtual servers: their actor, service addresses and whether their checkers run.</summary>
    private readonly List<(IActorRef Actor, HashSet<System.Net.IPAddress> Addresses, bool Enabled)> _suspendable = [];
    private readonly Dictionary<string, IActorRef> _trackFiles = [];
    private IActorRef _ipvs = ActorRefs.Nobody;
    private readonly ProbeSharing _sharing;
    private readonly ProbeGate _gate;
    /// <summary>The pools started, waiting for their virtual server actors (null once they are made).</summary>
    private List<VirtualServerActor.State>? _pending;
    /// <summary>The owners whose first table the IPVS leaf has not answered for yet.</summary>
    private readonly HashSet<string> _firstTables = [];
    private IActorRef _notify = ActorRefs.Nobody;

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record FirstTableLate
    {
        public static readonly FirstTableLate Instance = new();
    }

    /// <param name="StartsSharedFifoScript">The checker starts notify_fifo_script (VRRP does not run: -C).</param>
    /// <param name="Random">Numbers in [0, 1) for the checkers' first-check warmup; null: Random.Shared.</param>
    public sealed record Settings(CheckOptions Options, bool StartsSharedFifoScript = true, Func<double>? Random = null);

    /// <summary>Stops the checkers; with <paramref name="ReleaseIpvs"/> false (-I) the kernel table and scripts are left alone. Answers <see cref="Stopped"/>.</summary>
    public sealed record Shutdown(bool ReleaseIpvs);

    public sealed record Stopped
    {
        public static readonly Stopped Instance = new();
    }

    /// <summary>Answered with every virtual server's <see cref="VirtualServerActor.Status"/>, in order.</summary>
    public sealed record GetVirtualServers
    {
        public static readonly GetVirtualServers Instance = new();
    }

    public static Props Props(KeepalivedConfig config, Settings settings, CheckLeafProps leaves) =>
        FactoryProps.Create(() => new CheckerManagerActor(config, settings, leaves));

    public CheckerManagerActor(KeepalivedConfig config, Settings settings, CheckLeafProps leaves)
    {
        _config = config;
        _settings = settings;
        _leaves = leaves;
        _sharing = new ProbeSharing(ActorClock.Of(Context.System));
        _gate = settings.Options.Gate();
        Receive<AddressWatcherActor.LocalAddresses>(OnLocalAddresses);
        Receive<IpvsActor.Unavailable>(u => _log.Error("IPVS is not available: {Reason}; health checks go on, the kernel table waits", u.Reason));
        Receive<IpvsActor.Available>(_ => _log.Info("IPVS is available"));
        Receive<IpvsActor.Applied>(a =>
        {
            foreach (var error in a.Errors)
                if (!error.StartsWith(VirtualServerActor.UnavailablePrefix, StringComparison.Ordinal))
                    _log.Warning("IPVS {Owner}: {Error}", a.Owner, error);
            if (_firstTables.Remove(a.Owner) && _firstTables.Count == 0) StartVirtualServers();
        });
        Receive<FirstTableLate>(_ =>
        {
            _log.Warning("IPVS has not answered for the first table of {Count} virtual server(s) in {Timeout} s; starting the checkers anyway",
                _firstTables.Count, FirstTableTimeout.TotalSeconds);
            StartVirtualServers();
        });
        ReceiveAsync<GetVirtualServers>(async _ =>
        {
            var replyTo = Sender;
            var statuses = await Task.WhenAll(_virtualServers.Select(vs =>
                vs.Ask<VirtualServerActor.Status>(VirtualServerActor.GetStatus.Instance, StopStepTimeout)));
            replyTo.Tell(statuses.ToList());
        });
        ReceiveAsync<Shutdown>(OnShutdown);
        ReceiveAny(Unhandled);
    }

    private CheckConfig Check => _config.Check;

    protected override void PreStart()
    {
        var ipvs = ActorOfLeaf(_leaves.Ipvs(IpvsActor.Settings.Default with { DrainTimeout = _settings.Options.DrainTimeout }), "ipvs");
        if (_settings.Options.DrainTimeout is { } drain)
            _log.Info("IPVS: a failed real server's destination drains (weight 0) for up to {Timeout} before it is deleted (drain-before-remove)", drain);
        _ipvs = ipvs.Supervisor;
        ipvs.Tell(new IpvsActor.Subscribe(Self));
        StartIpvsSettings(ipvs);
        _notify = ActorOfLeaf(_leaves.Notify(_config.Global, _settings.StartsSharedFifoScript), "notify").Supervisor;
        // as keepalived's start_check: every pool is programmed (init_services) before any checker
        // is registered. The tables go to the IPVS leaf (on its own thread) first, and the tens of
        // thousands of virtual server, real server and checker actors are made once it has
        // answered for them: the kernel's work does not compete with the tree's, nor the first
        // checks with either
        _pending = new List<VirtualServerActor.State>(Check.VirtualServers.Count);
        foreach (var vs in Check.VirtualServers)
        {
            var servers = vs.RealServers.Select((rs, i) => RealServerState(vs, rs, i, startEnabled: !Suspendable(vs))).ToList();
            var state = new VirtualServerActor.State(new VirtualServerModel(vs), servers, _config.Global.RsInitNotifies);
            if (state.StartPool() is { } first)
            {
                _ipvs.Tell(first);
                _firstTables.Add(first.Owner);
            }
            _pending.Add(state);
        }
        if (_firstTables.Count == 0)
            StartVirtualServers();
        else
            Timers.StartSingleTimer(FirstTableLate.Instance, FirstTableLate.Instance, FirstTableTimeout);
    }

    /// <summary>Makes the virtual server actors (and under them the real servers and checkers), once.</summary>
    private void StartVirtualServers()
    {
        if (_pending is not { } states) return;
        _pending = null;
        _firstTables.Clear();
        Timers.Cancel(FirstTableLate.Instance);
        foreach (var (vs, state) in Check.VirtualServers.Zip(states))
        {
            var actor = Context.ActorOf(VirtualServerActor.Props(state, _ipvs, _notify), UniqueName("vs-" + ActorName(vs.ToString())));
            _virtualServers.Add(actor);
            if (Suspendable(vs))
                _suspendable.Add((actor, IpvsMapping.Services(vs).Where(s => s.Address is not null).Select(s => s.Address!).ToHashSet(), false));
        }
        if (_suspendable.Count > 0) ActorOfLeaf(_leaves.Addresses(), "addresses").Tell(new AddressWatcherActor.Subscribe(Self));
        _log.Info("Health checker started: {VirtualServers} virtual server(s), {RealServers} real server(s), at most {Probes} probes in flight",
            Check.VirtualServers.Count, Check.VirtualServers.Sum(vs => vs.RealServers.Count), _gate.Capacity);
    }

    /// <summary>ha_suspend applies to address services only (keepalived clears it on fwmark ones).</summary>
    private static bool Suspendable(VirtualServer vs) => vs.HaSuspend && vs.Fwmark == 0;

    private RealServerActor.State RealServerState(VirtualServer vs, RealServer rs, int index, bool startEnabled)
    {
        var name = rs.Address.Trio(vs.Protocol);
        var weight = (long)(rs.Weight ?? vs.Weight);
        var checkers = new List<(string, Props?)>();
        var files = new List<RealServerActor.FileCheck>();
        var initiallyUp = new List<bool>();
        foreach (var checker in rs.Checkers)
        {
            if (CheckerKinds.Of(checker) is not { } kind)
            {
                _log.Warning("{Checker} of {RealServer} is not supported by keepalived-net and is ignored", checker.Keyword, name);
                continue;
            }
            var i = initiallyUp.Count;
            if (kind == CheckerKind.File)
            {
                var file = (FileChecker)checker;
                if (file.TrackFile is null || _config.Vrrp.FindFile(file.TrackFile) is not { } tracked) continue;
                files.Add(new RealServerActor.FileCheck(i, tracked.Name, TrackFile(tracked), file.Weight ?? tracked.Weight,
                    file.WeightReverse));
                checkers.Add(($"file-{i}", null));
                initiallyUp.Add(true);
                continue;
            }
            var timing = CheckerTiming.Of(checker);
            var probe = kind == CheckerKind.Misc
                ? new MiscProbe((MiscChecker)checker, MiscRhythm.Timeout(((MiscChecker)checker).Timeout, vs.DelayLoop))
                : _settings.Options.ShareIdenticalProbes
                    ? _sharing.For(checker, rs, vs, () => _leaves.Probe(checker, rs, vs, Check, _settings.Options.Limits))
                    : _leaves.Probe(checker, rs, vs, Check, _settings.Options.Limits);
            if (probe is null)
            {
                _log.Warning("{Checker} of {RealServer} cannot run here and is ignored", checker.Keyword, name);
                continue;
            }
            probe = _gate.Guard(probe);
            var progress = new CheckerProgress(kind, timing);
            var settings = new CheckerActor.Settings(i, $"{checker.Keyword} {name}", timing, probe,
                checker is MiscChecker { Dynamic: true }, weight, _settings.Random, _settings.Options.Rise, startEnabled);
            checkers.Add(($"{checker.Keyword.ToLowerInvariant()}-{i}", CheckerActor.Props(settings, new CheckerActor.State(progress))));
            initiallyUp.Add(progress.IsUp);
        }
        return new RealServerActor.State(index, name, new RealServerHealth(weight, initiallyUp), checkers, files);
    }

    /// <summary>
    /// lvs_timeouts, and an lvs_sync_daemon not tied to a VRRP instance (the checker then runs
    /// both the master and the backup daemon, as keepalived's checker process does).
    /// </summary>
    private void StartIpvsSettings(LeafRef ipvs)
    {
        var global = _config.Global;
        if (global.LvsTimeoutTcp is not null || global.LvsTimeoutTcpFin is not null || global.LvsTimeoutUdp is not null)
            ipvs.Tell(new IpvsActor.SetTimeouts(new IpvsTimeouts(global.LvsTimeoutTcp ?? 0, global.LvsTimeoutTcpFin ?? 0, global.LvsTimeoutUdp ?? 0)));
        foreach (var daemon in SyncDaemons()) ipvs.Tell(new IpvsActor.SyncDaemon(daemon, Start: true));
    }

    /// <summary>The sync daemons the checker runs itself: master and backup, when lvs_sync_daemon names no VRRP instance.</summary>
    private IEnumerable<IpvsSyncDaemon> SyncDaemons()
    {
        if (_config.Global.LvsSyncDaemon is not { VrrpInstance: null } sync) yield break;
        foreach (var state in new[] { IpvsSyncState.Master, IpvsSyncState.Backup })
            yield return new IpvsSyncDaemon(state, sync.Interface, sync.SyncId ?? 0, sync.MaxLen ?? 0, sync.Group, sync.Port ?? 0, sync.Ttl ?? 0);
    }

    /// <summary>
    /// ha_suspend (update_checker_activity): the checkers of a virtual server none of whose
    /// addresses is on a local interface are suspended; the pool and the kernel stay as they are.
    /// </summary>
    private void OnLocalAddresses(AddressWatcherActor.LocalAddresses local)
    {
        for (var i = 0; i < _suspendable.Count; i++)
        {
            var (actor, addresses, enabled) = _suspendable[i];
            var now = addresses.Overlaps(local.Addresses);
            if (enabled == now) continue;
            _suspendable[i] = (actor, addresses, now);
            actor.Tell(new CheckerActor.SetEnabled(now));
        }
    }

    /// <summary>One track file actor per file FILE_CHECKs follow, made on first use.</summary>
    private IActorRef TrackFile(Config.Vrrp.TrackedFile file)
    {
        if (!_trackFiles.TryGetValue(file.Name, out var tracker))
            _trackFiles[file.Name] = tracker = ActorOfLeaf(TrackFileActor.Props(file), UniqueName("track-file-" + ActorName(file.Name))).Supervisor;
        return tracker;
    }

    private async Task OnShutdown(Shutdown shutdown)
    {
        var replyTo = Sender;
        // a stop before the first table was answered: the virtual servers are made so that their
        // stop notifies (omega) run as they would have
        StartVirtualServers();
        // the IPVS leaf deletes every owned entry in configuration order (clear_services) while
        // the virtual servers run their stop notifies (told in configuration order): a large
        // table is not held up by tens of thousands of log lines and scripts
        var release = ReleaseIpvs(shutdown.ReleaseIpvs);
        var stops = _virtualServers.Select(async vs =>
        {
            try
            {
                await vs.Ask<VirtualServerActor.Stopped>(new VirtualServerActor.Shutdown(shutdown.ReleaseIpvs), StopStepTimeout);
            }
            catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
            {
                _log.Warning("Virtual server {Path} did not stop in time", vs.Path.Name);
            }
        }).ToList();
        await Task.WhenAll(stops);
        await release;
        replyTo.Tell(Stopped.Instance);
    }

    /// <summary>ReleaseAll (or Forget under -I), which also stops the sync daemons and puts the timeouts back.</summary>
    private async Task ReleaseIpvs(bool release)
    {
        try
        {
            await _ipvs.Ask<IpvsActor.Released>(release ? IpvsActor.ReleaseAll.Instance : IpvsActor.Forget.Instance, ReleaseTimeout);
        }
        catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
        {
            _log.Warning("IPVS did not release its entries in time");
        }
    }

    private string UniqueName(string name)
    {
        var unique = name;
        for (var n = 2; !Context.Child(unique).IsNobody(); n++) unique = $"{name}-{n}";
        return unique;
    }

    /// <summary>A name Akka accepts: brackets dropped, letters, digits and -_.:@&amp;=+,!~*'; kept, anything else '_'.</summary>
    private static string ActorName(string text) =>
        string.Concat(text.Where(c => c is not ('[' or ']')).Select(c => char.IsAsciiLetterOrDigit(c) || "-_.:@&=+,!~*';".Contains(c) ? c : '_'));
}

using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Check.Logic;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Check;

/// <summary>
/// One virtual_server: the parent of its real servers and the owner of its pool
/// (<see cref="VirtualServerModel"/>: alive servers, weights, quorum, sorry server). After every
/// change it tells the IPVS leaf the whole table it wants, when that differs from the last one
/// told; the leaf makes the kernel agree. Scripts and FIFO lines go to the notify actor in the
/// order the pool produced them. The model and the servers' states are made by the checker
/// manager and outlive an incarnation, so a restart changes nothing in the kernel.
/// </summary>
public sealed class VirtualServerActor : ServiceActor
{
    private readonly State _state;
    private readonly IActorRef _ipvs;
    private readonly IActorRef _notify;

    /// <summary>How the IPVS leaf's answers begin while it has no kernel table: the manager says so once, not each virtual server.</summary>
    internal const string UnavailablePrefix = "IPVS unavailable";

    /// <summary>What the virtual server keeps across incarnations.</summary>
    /// <param name="initNotifies">global rs_init_notifies: notify_up for the servers that start alive.</param>
    public sealed class State(VirtualServerModel model, IReadOnlyList<RealServerActor.State> servers, bool initNotifies = false)
    {
        public bool InitNotifies { get; } = initNotifies;
        public VirtualServerModel Model { get; } = model;
        public IReadOnlyList<RealServerActor.State> Servers { get; } = servers;
        public bool Started { get; private set; }
        public IReadOnlyList<IpvsActor.DesiredService>? LastTable { get; set; }

        /// <summary>
        /// Starts the pool once, its servers alive before any check has run (init_services), and
        /// returns the first table for the IPVS leaf; null when it had started. The start's log
        /// lines and scripts stay in the model until the actor carries them out.
        /// </summary>
        public IpvsActor.DesiredState? StartPool()
        {
            if (Started) return null;
            Started = true;
            Model.Start(Servers.Select(s => !s.Health.Healthy).ToList(), InitNotifies);
            LastTable = TableOf(Model);
            return new IpvsActor.DesiredState(Model.Name, LastTable);
        }
    }

    private static List<IpvsActor.DesiredService> TableOf(VirtualServerModel model) =>
        model.Table().Select(t => new IpvsActor.DesiredService(t.Service, t.Destinations)).ToList();

    /// <summary>
    /// Stop: with <paramref name="Release"/> the pool is cleared (keepalived's clear_service_vs:
    /// notifies under omega; the entries go with the manager's IpvsActor.ReleaseAll); without
    /// (-I) nothing is touched and no script runs. Answered with <see cref="Stopped"/>.
    /// </summary>
    public sealed record Shutdown(bool Release);

    public sealed record Stopped(string Name);

    /// <summary>Answered with the pool as a <see cref="Status"/>.</summary>
    public sealed record GetStatus
    {
        public static readonly GetStatus Instance = new();
    }

    /// <summary>The pool's state for the REST API and tests: per real server (name, alive, in the kernel).</summary>
    public sealed record Status(string Name, bool QuorumUp, bool SorryInUse, IReadOnlyList<(string Name, bool Alive, bool InKernel)> Servers);

    public static Props Props(State state, IActorRef ipvs, IActorRef notify) =>
        FactoryProps.Create(() => new VirtualServerActor(state, ipvs, notify));

    public VirtualServerActor(State state, IActorRef ipvs, IActorRef notify)
    {
        _state = state;
        _ipvs = ipvs;
        _notify = notify;
        Receive<RealServerActor.HealthChanged>(OnHealth);
        Receive<RealServerActor.WeightChanged>(w =>
        {
            Model.SetWeight(w.Index, w.EffectiveWeight);
            Publish();
        });
        Receive<CheckerActor.SetEnabled>(e =>
        {
            foreach (var child in Context.GetChildren()) child.Tell(e);
        });
        Receive<GetStatus>(_ => Sender.Tell(StatusNow()));
        Receive<Shutdown>(OnShutdown);
        Receive<IpvsActor.Applied>(OnApplied);
        ReceiveAny(Unhandled);
    }

    private VirtualServerModel Model => _state.Model;

    protected override void PreStart()
    {
        // the pool goes to the kernel first (the checker manager usually started it already, to
        // have the whole table on its way before the thousands of actors below are made)
        var first = _state.StartPool();
        RunEffects();
        if (first is not null) _ipvs.Tell(first);
        foreach (var server in _state.Servers)
        {
            var name = ChildName(server);
            // the same server twice in one virtual server (keepalived warns and keeps both)
            if (!Context.Child(name).IsNobody()) name += $"-{server.Index}";
            Context.ActorOf(RealServerActor.Props(server), name);
        }
    }

    private void OnHealth(RealServerActor.HealthChanged h)
    {
        switch (h.Change)
        {
            case HealthChange.Up:
            case HealthChange.Down:
                Model.SetAlive(h.Index, h.Change == HealthChange.Up);
                break;
            case HealthChange.NotifyOnly:
                Model.FirstResultNotify(h.Index);
                break;
        }
        Publish();
    }

    private void OnShutdown(Shutdown shutdown)
    {
        // the manager's IpvsActor.ReleaseAll then deletes every owned entry, owner by owner in
        // configuration order (clear_services), in one pass; here only the notifies are due
        if (shutdown.Release)
        {
            Model.Stop(stopping: true);
            RunEffects();
        }
        Sender.Tell(new Stopped(Model.Name));
    }

    private void OnApplied(IpvsActor.Applied applied)
    {
        foreach (var error in applied.Errors)
            if (!error.StartsWith(UnavailablePrefix, StringComparison.Ordinal)) Log.Warning("IPVS for VS {VirtualServer}: {Error}", Model.Name, error);
    }

    /// <summary>Carries out the pool's effects, then tells IPVS the table if it changed.</summary>
    private void Publish()
    {
        RunEffects();
        var table = TableOf(Model);
        if (_state.LastTable is { } last && SameTable(last, table)) return;
        _state.LastTable = table;
        _ipvs.Tell(new IpvsActor.DesiredState(Model.Name, table));
    }

    /// <summary>The pool's log lines, scripts and FIFO lines, in order.</summary>
    private void RunEffects()
    {
        foreach (var effect in Model.TakeEffects())
        {
            switch (effect)
            {
                case CheckEffect.Log log:
                    Log.Info("{Message}", log.Message);
                    break;
                case CheckEffect.RunScript run:
                    _notify.Tell(new NotifyActor.CheckNotify(run.Script, null, run.Stopping));
                    break;
                case CheckEffect.FifoLine line:
                    _notify.Tell(new NotifyActor.CheckNotify(null, line.Line, false));
                    break;
            }
        }
    }

    private static bool SameTable(IReadOnlyList<IpvsActor.DesiredService> a, IReadOnlyList<IpvsActor.DesiredService> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (a[i].Service != b[i].Service || !a[i].Destinations.SequenceEqual(b[i].Destinations)) return false;
        return true;
    }

    private Status StatusNow() => new(Model.Name, Model.QuorumUp, Model.SorryInUse,
        Enumerable.Range(0, Model.Count).Select(i => (Model.ServerName(i), Model.IsAlive(i), Model.InKernel(i))).ToList());

    /// <summary><c>rs-10.0.1.1:tcp:8080</c>: FMT_RS without its brackets, which actor names do not allow.</summary>
    private static string ChildName(RealServerActor.State server) => "rs-" + server.Name.Replace("[", "").Replace("]", "");
}

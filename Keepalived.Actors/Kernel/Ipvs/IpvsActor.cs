using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// Leaf actor owning the IPVS table over generic netlink (keepalived's ipvswrapper/libipvs).
/// Owners (virtual servers) send their whole desired table; the actor dumps the kernel's table,
/// plans the changes against it and what the owner owns (<see cref="IpvsPlan"/>: keepalived's
/// order, nothing for an equal entry, foreign entries never touched), sends them, and dumps
/// again after each batch and every <see cref="Settings.ReconcileInterval"/>, so an owned entry
/// deleted behind its back comes back. Unlike keepalived it adopts an existing entry equal in
/// identity to a desired one and corrects its settings (keepalived keeps a stale weight).
/// EEXIST/ENOENT/ESRCH are left to the next dump; EPERM/EINVAL and other refusals are logged
/// once with the service and that service is not retried until its owner's desired state
/// changes. Without ip_vs it tries modprobe once, publishes <see cref="Unavailable"/> and looks
/// again every <see cref="RetryInterval"/>, keeping the desired states meanwhile. With
/// <see cref="Settings.DrainTimeout"/> a destination dropped from a service still wanted drains
/// first (<see cref="IpvsDrain"/>), and the table is looked at every <see cref="DrainInterval"/>
/// while one does; a service removed and <see cref="ReleaseAll"/> still delete at once. Each kernel
/// call is a bounded synchronous round trip inside the turn (tens of microseconds), as
/// NetlinkActor's; modprobe runs off the turn. What must survive a restart is in <see cref="State"/>.
/// </summary>
public sealed partial class IpvsActor : ServiceActor, IWithTimers
{
    /// <summary>How often the family lookup is retried while IPVS is unavailable.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(10);

    /// <summary>Plan-and-apply rounds per reconcile: the re-dump after a batch may show the table moved meanwhile.</summary>
    private const int MaxPasses = 3;

    private const string TimeoutsOwner = "lvs_timeouts";
    private const string DaemonOwner = "lvs_sync_daemon";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly State _state;
    private readonly Settings _settings;
    private readonly Func<IIpvsKernel> _kernelFactory;
    private IIpvsKernel? _kernel;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(State state, Settings settings) => Props(state, settings, () => new IpvsNetlink());

    /// <param name="kernel">Makes the kernel access of each incarnation (the tests' seam).</param>
    public static Props Props(State state, Settings settings, Func<IIpvsKernel> kernel) =>
        FactoryProps.Create(() => new IpvsActor(state, settings, kernel));

    public IpvsActor(State state, Settings settings, Func<IIpvsKernel> kernel)
    {
        _state = state;
        _settings = settings;
        _kernelFactory = kernel;
        Waiting();
    }

    private IIpvsKernel Kernel => _kernel ?? throw new InvalidOperationException("IPVS kernel access not made");

    protected override void PreStart()
    {
        foreach (var subscriber in _state.Subscribers) Context.Watch(subscriber);
        _kernel = _kernelFactory();
        if (_state.Finished)
            Become(Finished);
        else
            TryOpen();
    }

    protected override void PostStop() => _kernel?.Dispose();

    // ---- phases ----

    /// <summary>A <see cref="ReconcileSoon"/> is in the mailbox.</summary>
    private bool _reconcileSoon;

    /// <summary>Before IPVS answered, while modprobe runs, and while it is unavailable: desired states are kept.</summary>
    private void Waiting()
    {
        Receive<DesiredState>(d =>
        {
            Keep(d);
            if (_state.Available == false)
                Sender.Tell(new Applied(d.Owner, [$"IPVS unavailable: {_state.UnavailableReason}"]), Self);
        });
        Receive<SetTimeouts>(t =>
        {
            KeepTimeouts(t);
            if (_state.Available == false)
                Sender.Tell(new Applied(TimeoutsOwner, [$"IPVS unavailable: {_state.UnavailableReason}"]), Self);
        });
        Receive<SyncDaemon>(s =>
        {
            _state.PendingDaemons.Add(s);
            Sender.Tell(new Applied(DaemonOwner, [_state.Available == false
                ? $"IPVS unavailable: {_state.UnavailableReason}; kept, applied when it is available"
                : "IPVS not open yet; kept, applied when it is available"]), Self);
        });
        Receive<RetryOpen>(_ => TryOpen());
        // a reconcile tick already queued when IPVS went away
        Receive<Reconcile>(_ => { });
        Receive<DrainLook>(_ => { });
        Receive<ReconcileSoon>(_ => _reconcileSoon = false);
        Receive<ModuleLoaded>(m =>
        {
            _log.Info("IPVS: modprobe ip_vs {Outcome}", m.Success ? "succeeded" : "failed");
            TryOpen();
        });
        Receive<ReleaseAll>(_ => Finish(Released.Clean, "IPVS unavailable: nothing to release"));
        Receive<Forget>(_ => Finish(Released.Clean, "Not releasing IPVS (--dont-release-ipvs)"));
        Receive<GetTable>(_ => Sender.Tell(new Table([]), Self));
        Common();
    }

    private void Running()
    {
        Receive<DesiredState>(d =>
        {
            Keep(d);
            if (_reconcileSoon) return;
            _reconcileSoon = true;
            Self.Tell(ReconcileSoon.Instance);
        });
        Receive<ReconcileSoon>(_ =>
        {
            _reconcileSoon = false;
            ReconcileOwners(full: false);
        });
        Receive<Reconcile>(_ => PeriodicReconcile());
        Receive<DrainLook>(_ => LookAtDraining());
        Receive<SetTimeouts>(t =>
        {
            KeepTimeouts(t);
            ApplyTimeouts();
        });
        Receive<SyncDaemon>(s => Sender.Tell(new Applied(DaemonOwner, ApplyDaemonRequest(s)), Self));
        Receive<ReleaseAll>(_ => Finish(new Released(ReleaseOwned()), "IPVS entries released"));
        Receive<Forget>(_ => Finish(Released.Clean, "Not releasing IPVS (--dont-release-ipvs)"));
        Receive<GetTable>(_ => Sender.Tell(new Table(TryDump() ?? []), Self));
        Receive<RetryOpen>(_ => { });
        Receive<ModuleLoaded>(_ => { });
        Common();
    }

    /// <summary>After <see cref="ReleaseAll"/> or <see cref="Forget"/>: the kernel is not changed any more.</summary>
    private void Finished()
    {
        Receive<DesiredState>(d => Sender.Tell(new Applied(d.Owner, ["IPVS released: not applied"]), Self));
        Receive<SetTimeouts>(_ => Sender.Tell(new Applied(TimeoutsOwner, ["IPVS released: not applied"]), Self));
        Receive<SyncDaemon>(_ => Sender.Tell(new Applied(DaemonOwner, ["IPVS released: not applied"]), Self));
        Receive<ReleaseAll>(_ => Sender.Tell(Released.Clean, Self));
        Receive<Forget>(_ => Sender.Tell(Released.Clean, Self));
        Receive<GetTable>(_ => Sender.Tell(new Table(_state.Available == true ? TryDump() ?? [] : []), Self));
        Receive<Reconcile>(_ => { });
        Receive<DrainLook>(_ => { });
        Receive<ReconcileSoon>(_ => _reconcileSoon = false);
        Receive<RetryOpen>(_ => { });
        Receive<ModuleLoaded>(_ => { });
        Common();
    }

    private void Common()
    {
        Receive<Subscribe>(s =>
        {
            if (_state.Subscribers.Add(s.Subscriber)) Context.Watch(s.Subscriber);
            if (_state.Available is { } available)
                s.Subscriber.Tell(available ? Available.Instance : new Unavailable(_state.UnavailableReason), Self);
        });
        Receive<Terminated>(t => _state.Subscribers.Remove(t.ActorRef));
        Receive<GetOperations>(_ => Sender.Tell(new Operations(_state.Operations.ToList()), Self));
        ReceiveAny(Unhandled);
    }

    private void Finish(Released answer, string note)
    {
        _log.Info("IPVS: {Note}", note);
        _state.Finished = true;
        foreach (var owner in _state.Owners)
        {
            owner.Owned = [];
            owner.Draining = IpvsOwner.NotDraining;
        }
        Timers.CancelAll();
        Become(Finished);
        Sender.Tell(answer, Self);
    }

    // ---- availability ----

    /// <summary>ipvs_start: resolve the family; without it, modprobe ip_vs once, then unavailable.</summary>
    private void TryOpen()
    {
        try
        {
            Kernel.Open();
            _state.OriginalTimeouts ??= Kernel.GetTimeouts();
        }
        catch (ErrnoException e)
        {
            if (e.Errno == Errno.ENOENT && _settings.LoadModule && !_state.ModuleTried)
            {
                _state.ModuleTried = true;
                _log.Info("IPVS: no IPVS generic netlink family, trying modprobe ip_vs");
                var kernel = Kernel;
                Task.Run(kernel.LoadModule).PipeTo(Self, success: ok => new ModuleLoaded(ok), failure: _ => new ModuleLoaded(false));
                return;
            }
            BecomeUnavailable(Reason(e));
            return;
        }
        BecomeAvailable();
    }

    private string Reason(ErrnoException e) => e.Errno switch
    {
        Errno.ENOENT => _settings.LoadModule
            ? "the kernel has no IPVS (no \"IPVS\" generic netlink family, and modprobe ip_vs did not load it)"
            : "the kernel has no IPVS (no \"IPVS\" generic netlink family; module loading is off)",
        Errno.EPERM => $"{e.Message}: IPVS needs CAP_NET_ADMIN",
        _ => e.Message,
    };

    private void BecomeUnavailable(string reason)
    {
        Become(Waiting);
        Timers.Cancel(Reconcile.Instance);
        Timers.Cancel(DrainLook.Instance);
        Timers.StartSingleTimer(RetryOpen.Instance, RetryOpen.Instance, RetryInterval);
        if (_state.Available == false && _state.UnavailableReason == reason) return;
        _log.Warning("IPVS unavailable: {Reason}; retrying every {Interval} s", reason, RetryInterval.TotalSeconds);
        _state.Available = false;
        _state.UnavailableReason = reason;
        Publish(new Unavailable(reason));
        foreach (var owner in _state.Owners)
            owner.ReplyTo?.Tell(new Applied(owner.Name, [$"IPVS unavailable: {reason}"]), Self);
    }

    private void BecomeAvailable()
    {
        Become(Running);
        if (_state.Available != true)
        {
            if (_state.Available == false) _log.Info("IPVS available again");
            _state.Available = true;
            Publish(Available.Instance);
        }
        Timers.StartPeriodicTimer(Reconcile.Instance, Reconcile.Instance, _settings.ReconcileInterval);
        if (_state.TimeoutsPending) ApplyTimeouts();
        foreach (var request in _state.PendingDaemons) ApplyDaemonRequest(request);
        _state.PendingDaemons.Clear();
        ReconcileOwners(full: true);
    }

    private void Publish(object message)
    {
        foreach (var subscriber in _state.Subscribers) subscriber.Tell(message, Self);
    }

    // ---- desired state ----

    private void Keep(DesiredState desired)
    {
        var owner = _state.OwnerOf(desired.Owner);
        // a refused service is tried again only once its owner asks for something else
        if (!IpvsOwner.SameDesired(owner.Desired, desired)) owner.Blocked.Clear();
        owner.Desired = desired;
        owner.ReplyTo = Sender;
        owner.Dirty = true;
    }

    /// <summary>Monotonic time the last full reconcile ended, and what it cost.</summary>
    private long _lastFullEnd;
    private TimeSpan _lastFullCost;

    /// <summary>
    /// The periodic read-back: a full pass, unless the last one ended less than 20 times its own
    /// duration ago. With tens of thousands of entries on a slow machine a pass takes seconds,
    /// and reading back must not take more than about 5 % of the actor's time.
    /// </summary>
    private void PeriodicReconcile()
    {
        if (_lastFullEnd != 0 && Stopwatch.GetElapsedTime(_lastFullEnd) < _lastFullCost * 20) return;
        var start = Stopwatch.GetTimestamp();
        ReconcileOwners(full: true);
        _lastFullEnd = Stopwatch.GetTimestamp();
        _lastFullCost = Stopwatch.GetElapsedTime(start, _lastFullEnd);
    }

    /// <summary>
    /// Dumps, plans the owners in the order they appeared, sends the plans, and goes again while
    /// a batch changed something (at most <see cref="MaxPasses"/>); answers the owners waiting.
    /// <paramref name="full"/>: every owner against the whole table; otherwise only the owners
    /// whose desired state changed, against the kernel's version of their services alone, so that
    /// a start or a change costs what it concerns and not a read of the whole table.
    /// </summary>
    private void ReconcileOwners(bool full)
    {
        var owners = _state.Owners.Where(o => o.Desired is not null && (full || o.Dirty)).ToList();
        if (owners.Count == 0) return;
        List<IpvsService>? concerns = null;
        if (!full)
        {
            var keys = new HashSet<IpvsServiceKey>();
            concerns = owners.SelectMany(o => o.Owned.Concat(o.Desired!.Services)).Select(s => s.Service)
                .Where(s => keys.Add(IpvsServiceKey.Of(s))).ToList();
        }
        var transient = new Dictionary<IpvsOwner, List<string>>();
        var unread = false;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var table = TryDump(concerns);
            if (table is null)
            {
                unread = pass == 0;
                break;
            }
            transient.Clear();
            var changed = false;
            var refused = false;
            var claims = Claims();
            var inKernel = IpvsPlan.Index(table);
            foreach (var owner in owners)
            {
                var (desired, conflicts) = Claimable(owner, claims);
                var plan = Plan(owner, desired, inKernel);
                var owned = plan.Owned.ToList();
                var failures = transient[owner] = conflicts;
                foreach (var operation in plan.Operations)
                {
                    if (owner.Blocked.ContainsKey(operation.ServiceKey)) continue;
                    changed = true;
                    refused |= !Send(owner, operation, owned, failures);
                }
                owner.Owned = owned;
            }
            if (!changed || _state.Available != true) break;
            // a change whose every operation the kernel took needs no second read: the periodic
            // full pass catches what moved meanwhile. A conflict may have been freed by an owner
            // planned after it, and a drain's deletes follow a read: those go again
            if (!full && !refused && !transient.Values.Any(f => f.Count > 0) && !_state.AnyDraining) break;
        }
        // an owner whose services could not be read, or that met a conflict or a transient error
        // (a service another owner has may be freed by that owner's next change), is planned again
        // at the next reconcile of either kind
        foreach (var owner in owners) owner.Dirty = unread || transient.GetValueOrDefault(owner) is { Count: > 0 };
        // while unavailable the owners have been told so, and are answered again once applied
        if (_state.Available != true) return;
        LookAgainWhileDraining();
        foreach (var owner in owners)
        {
            if (owner.ReplyTo is not { } replyTo) continue;
            var errors = owner.Blocked.Values.Concat(transient.GetValueOrDefault(owner) ?? []).ToList();
            if (unread) errors.Add("the IPVS table could not be read; retried at the next reconcile");
            replyTo.Tell(new Applied(owner.Name, errors), Self);
            owner.ReplyTo = null;
        }
    }

    /// <summary>Which owner has each service: the first owner (in order) that owns or wants it.</summary>
    private Dictionary<IpvsServiceKey, IpvsOwner> Claims()
    {
        var claims = new Dictionary<IpvsServiceKey, IpvsOwner>();
        foreach (var owner in _state.Owners)
            foreach (var s in owner.Owned.Concat(owner.Desired?.Services ?? []))
                claims.TryAdd(IpvsServiceKey.Of(s.Service), owner);
        return claims;
    }

    private static (IReadOnlyList<DesiredService>, List<string>) Claimable(IpvsOwner owner, Dictionary<IpvsServiceKey, IpvsOwner> claims)
    {
        var conflicts = new List<string>();
        var mine = new List<DesiredService>();
        foreach (var s in owner.Desired?.Services ?? [])
        {
            var key = IpvsServiceKey.Of(s.Service);
            if (claims.TryGetValue(key, out var other) && other != owner)
                conflicts.Add($"{key}: already managed by {other.Name}");
            else
                mine.Add(s);
        }
        return (mine, conflicts);
    }

    /// <summary>Sends one planned change and folds its outcome into the owner's entries and errors; false when the kernel refused it.</summary>
    private bool Send(IpvsOwner owner, IpvsOperation operation, List<DesiredService> owned, List<string> failures)
    {
        Errno errno;
        string? refusal = null;
        try
        {
            errno = Kernel.Apply(operation);
        }
        catch (ErrnoException e)
        {
            errno = e.Errno;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // the writer refuses what the kernel would refuse (a scheduler name too long, a message too big)
            errno = Errno.EINVAL;
            refusal = e.Message;
        }
        _state.Log(errno == Errno.None ? operation.ToString() : $"{operation}: {errno}");
        if (errno == Errno.None || IpvsErrors.IsGone(operation.Command, errno)) return errno == Errno.None;
        KeepOwned(operation, owned, owner.Owned);
        var text = $"{operation}: {refusal ?? IpvsErrors.Explain(operation.Command, errno)}";
        if (IpvsErrors.IsTransient(operation.Command, errno))
        {
            _log.Info("IPVS ({Owner}): {Error}; the next reconcile deals with it", owner.Name, text);
            failures.Add(text);
            return false;
        }
        _log.Error("IPVS ({Owner}): {Error}; not retried until the configuration of {Service} changes", owner.Name, text, operation.ServiceKey);
        owner.Blocked.TryAdd(operation.ServiceKey, text);
        return false;
    }

    /// <summary>A delete that failed leaves the entry ours, so a later plan deletes it again.</summary>
    private static void KeepOwned(IpvsOperation operation, List<DesiredService> owned, IReadOnlyList<DesiredService> before)
    {
        var key = operation.ServiceKey;
        var index = owned.FindIndex(s => IpvsServiceKey.Of(s.Service) == key);
        if (operation.Command == IpvsCommand.DelService && index < 0)
            owned.Add(before.FirstOrDefault(s => IpvsServiceKey.Of(s.Service) == key) ?? new DesiredService(operation.Service, []));
        else if (operation is { Command: IpvsCommand.DelDest, Destination: { } d } && index >= 0 &&
                 !owned[index].Destinations.Any(x => IpvsDestinationKey.Of(x) == IpvsDestinationKey.Of(d)))
            owned[index] = owned[index] with { Destinations = [.. owned[index].Destinations, d] };
    }

    /// <summary>The kernel's table; null when it could not be read (then IPVS may have become unavailable).</summary>
    private IReadOnlyList<DesiredService>? TryDump(IReadOnlyCollection<IpvsService>? only = null)
    {
        try
        {
            return Kernel.Dump(only);
        }
        catch (ErrnoException e) when (e.Errno is Errno.ETIMEDOUT or Errno.ENOBUFS or Errno.EINTR or Errno.EAGAIN or Errno.ENOMEM)
        {
            _log.Warning("IPVS: reading the table failed: {Error}", e.Message);
            return null;
        }
        catch (ErrnoException e) when (e.Errno == Errno.EPERM)
        {
            BecomeUnavailable(Reason(e));
            return null;
        }
        catch (ErrnoException e)
        {
            // the family may have gone with the module (rmmod ip_vs): look it up again
            _log.Warning("IPVS: reading the table failed: {Error}", e.Message);
            try
            {
                Kernel.Open();
            }
            catch (ErrnoException lookup)
            {
                BecomeUnavailable(Reason(lookup));
            }
            return null;
        }
    }

    // ---- release ----

    /// <summary>clear_services then ipvs_stop: owned entries owner by owner, sync daemons, timeouts.</summary>
    private List<string> ReleaseOwned()
    {
        var errors = new List<string>();
        var table = TryDump();
        if (table is not null)
            foreach (var owner in _state.Owners)
            {
                var plan = IpvsPlan.Create([], table, owner.Owned);
                foreach (var operation in plan.Operations)
                {
                    var errno = TryApply(operation);
                    _state.Log(errno == Errno.None ? operation.ToString() : $"{operation}: {errno}");
                    if (errno != Errno.None && !IpvsErrors.IsGone(operation.Command, errno))
                        errors.Add($"{operation}: {IpvsErrors.Explain(operation.Command, errno)}");
                }
            }
        else
            errors.Add("IPVS table could not be read: nothing released");
        foreach (var daemon in _state.Daemons.Values.ToList())
            errors.AddRange(ApplyDaemon(daemon, start: false));
        _state.Daemons.Clear();
        if (_state.TimeoutsChanged && _state.OriginalTimeouts is { } original)
            errors.AddRange(SendTimeouts(original));
        _state.TimeoutsChanged = false;
        foreach (var error in errors) _log.Warning("IPVS: at release, {Error}", error);
        return errors;
    }

    private Errno TryApply(IpvsOperation operation)
    {
        try
        {
            return Kernel.Apply(operation);
        }
        catch (ErrnoException e)
        {
            return e.Errno;
        }
    }

    // ---- timeouts and sync daemons ----

    private void KeepTimeouts(SetTimeouts t)
    {
        _state.WantedTimeouts = t.Timeouts;
        _state.TimeoutsPending = true;
        _state.TimeoutsReplyTo = Sender;
    }

    /// <summary>lvs_timeouts sends all three: the ones not configured are the originals.</summary>
    private void ApplyTimeouts()
    {
        var original = _state.OriginalTimeouts ?? default;
        var wanted = _state.WantedTimeouts ?? original;
        var timeouts = new IpvsTimeouts(wanted.Tcp != 0 ? wanted.Tcp : original.Tcp,
            wanted.TcpFin != 0 ? wanted.TcpFin : original.TcpFin, wanted.Udp != 0 ? wanted.Udp : original.Udp);
        var errors = SendTimeouts(timeouts);
        _state.TimeoutsPending = false;
        _state.TimeoutsChanged = _state.WantedTimeouts is not null;
        _state.TimeoutsReplyTo?.Tell(new Applied(TimeoutsOwner, errors), Self);
        _state.TimeoutsReplyTo = null;
    }

    private List<string> SendTimeouts(IpvsTimeouts timeouts)
    {
        var what = $"SET_CONFIG tcp {timeouts.Tcp} tcpfin {timeouts.TcpFin} udp {timeouts.Udp}";
        Errno errno;
        try
        {
            errno = Kernel.SetTimeouts(timeouts);
        }
        catch (ErrnoException e)
        {
            errno = e.Errno;
        }
        _state.Log(errno == Errno.None ? what : $"{what}: {errno}");
        if (errno == Errno.None) return [];
        _log.Error("IPVS: {What} failed: {Errno}", what, errno);
        return [$"{what}: {IpvsErrors.Explain(IpvsCommand.SetConfig, errno)}"];
    }

    /// <summary>Starts or stops a daemon; the ones started are remembered, to be stopped at release.</summary>
    private List<string> ApplyDaemonRequest(SyncDaemon s)
    {
        var errors = ApplyDaemon(s.Daemon, s.Start);
        var key = (s.Daemon.State, s.Daemon.Interface, s.Daemon.SyncId);
        if (errors.Count > 0) return errors;
        if (s.Start)
            _state.Daemons[key] = s.Daemon;
        else
            _state.Daemons.Remove(key);
        return errors;
    }

    /// <summary>NEW_DAEMON / DEL_DAEMON; one already running (EEXIST) or already stopped (ESRCH, ENOENT) is no error.</summary>
    private List<string> ApplyDaemon(IpvsSyncDaemon daemon, bool start)
    {
        var command = start ? IpvsCommand.NewDaemon : IpvsCommand.DelDaemon;
        var what = $"{IpvsOperation.Name(command)} {daemon.State.ToString().ToLowerInvariant()} {daemon.Interface} syncid {daemon.SyncId}";
        Errno errno;
        try
        {
            errno = Kernel.SyncDaemon(daemon, start);
        }
        catch (ErrnoException e)
        {
            errno = e.Errno;
        }
        _state.Log(errno == Errno.None ? what : $"{what}: {errno}");
        if (errno == Errno.None || (start ? errno == Errno.EEXIST : errno is Errno.ESRCH or Errno.ENOENT)) return [];
        _log.Error("IPVS: {What} failed: {Errno}", what, errno);
        return [$"{what}: {IpvsErrors.Explain(command, errno)}"];
    }
}

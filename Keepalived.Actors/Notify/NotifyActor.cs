using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Scripts;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Notify;

/// <summary>
/// Announces VRRP state changes as keepalived's send_instance_notifies does, in its order: the
/// state's own script (notify_master, notify_backup, notify_fault, notify_stop), then the
/// generic <c>notify</c> script with four words appended (INSTANCE|GROUP, name, state,
/// priority), then a line on the notify FIFOs (<c>INSTANCE "VI_1" MASTER 150</c>). One actor,
/// so the announcements leave in the order the states changed. A notify_stop script is waited
/// for (up to a second), as keepalived does while stopping; the others are not.
/// </summary>
public sealed class NotifyActor : ServiceActor
{
    /// <summary>How long a STOP script may run before keepalived-net goes on (keepalived: TIMER_HZ).</summary>
    public static readonly TimeSpan StopScriptTimeout = TimeSpan.FromSeconds(1);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<NotifyFifo> _fifos = [];
    private readonly GlobalConfig _global;

    /// <summary>An instance or sync group entered <paramref name="State"/> (MASTER, BACKUP, FAULT, STOP, DELETED).</summary>
    public sealed record StateNotify(bool Group, string Name, string State, int Priority, NotifyScripts Scripts);

    /// <summary>An event with a FIFO line only (MASTER_PRIORITY, BACKUP_PRIORITY, MASTER_RX_LOWER_PRI).</summary>
    public sealed record EventNotify(string Name, string Event, int Priority, NotifyScript? Script);

    /// <summary>
    /// A health-check announcement: a notify_up / notify_down / quorum_up / quorum_down script
    /// (exactly its configured words; while stopping waited for up to a second) and/or a FIFO
    /// line (<c>RS ... UP</c>, <c>VS ... DOWN</c>).
    /// </summary>
    public sealed record CheckNotify(NotifyScript? Script, string? FifoLine, bool Stopping);

    /// <summary>The VRRP side's notifier: notify_fifo and vrrp_notify_fifo.</summary>
    public static Props Props(GlobalConfig global) => FactoryProps.Create(() => new NotifyActor(global, checker: false));

    /// <summary>The health checker's notifier: notify_fifo and lvs_notify_fifo.</summary>
    /// <param name="startsSharedFifoScript">Start notify_fifo_script too: only when VRRP's notifier does not (-C).</param>
    public static Props CheckerProps(GlobalConfig global, bool startsSharedFifoScript) =>
        FactoryProps.Create(() => new NotifyActor(global, checker: true, startsSharedFifoScript));

    private readonly bool _checker;
    private readonly bool _startsSharedFifoScript;

    public NotifyActor(GlobalConfig global, bool checker, bool startsSharedFifoScript = true)
    {
        _global = global;
        _checker = checker;
        _startsSharedFifoScript = startsSharedFifoScript;
        Receive<CheckNotify>(OnCheck);
        Receive<StateNotify>(OnState);
        Receive<EventNotify>(OnEvent);
        Receive<Flush>(_ => Sender.Tell(Flushed.Instance, Self));
        ReceiveAny(Unhandled);
    }

    protected override void PreStart()
    {
        foreach (var fifo in new[] { _global.NotifyFifo, _checker ? _global.LvsNotifyFifo : _global.VrrpNotifyFifo })
        {
            if (fifo.Name is not { } name) continue;
            try
            {
                // keepalived starts the FIFO's reader script before opening it
                var shared = fifo == _global.NotifyFifo;
                if (fifo.Script is { Disabled: false } script && (!shared || _startsSharedFifoScript))
                    _ = ScriptRunner.RunAsync(script, [name], Timeout.InfiniteTimeSpan);
                _fifos.Add(NotifyFifo.Open(name));
            }
            catch (ErrnoException ex)
            {
                _log.Warning("Unable to open {Prefix}notify fifo {Fifo}: {Error}", fifo.Prefix, name, ex.Message);
            }
        }
    }

    protected override void PostStop()
    {
        foreach (var f in _fifos) f.Dispose();
        _fifos.Clear();
    }

    private void OnState(StateNotify n)
    {
        var keyword = n.State switch
        {
            "MASTER" => "notify_master",
            "BACKUP" => "notify_backup",
            "FAULT" => "notify_fault",
            "STOP" => "notify_stop",
            "DELETED" => "notify_deleted",
            _ => null,
        };
        if (keyword is not null && n.Scripts[keyword] is { Disabled: false } own)
            Run(own, null, n.State == "STOP" ? StopScriptTimeout : Timeout.InfiniteTimeSpan);
        if (n.Scripts["notify"] is { Disabled: false } generic)
            Run(generic, [n.Group ? "GROUP" : "INSTANCE", n.Name, n.State, n.Priority.ToString()], Timeout.InfiniteTimeSpan);
        WriteFifoLine(n.Group, n.Name, n.State, n.Priority);
    }

    private void OnEvent(EventNotify n)
    {
        if (n.Script is { Disabled: false } script) Run(script, null, Timeout.InfiniteTimeSpan);
        WriteFifoLine(false, n.Name, n.Event, n.Priority);
    }

    private void OnCheck(CheckNotify n)
    {
        if (n.Script is { Disabled: false } script) Run(script, null, n.Stopping ? StopScriptTimeout : Timeout.InfiniteTimeSpan);
        if (n.FifoLine is { } line) WriteFifo(line + "\n");
    }

    private void WriteFifoLine(bool group, string name, string state, int priority) =>
        WriteFifo($"{(group ? "GROUP" : "INSTANCE")} \"{name}\" {state} {priority}\n");

    private void WriteFifo(string line)
    {
        if (_fifos.Count == 0) return;
        foreach (var f in _fifos)
            if (!f.Write(line)) _log.Debug("Notify fifo {Fifo} full: dropped {Line}", f.Path, line.TrimEnd());
    }

    private void Run(NotifyScript script, IReadOnlyList<string>? extra, TimeSpan timeout)
    {
        var log = _log;
        var run = ScriptRunner.RunAsync(script, extra, timeout);
        _ = run.ContinueWith(t =>
        {
            if (t.Result.Error is { } error) log.Warning("{Error}", error);
            else if (t.Result.TimedOut) log.Warning("Notify script {Script} timed out and was killed", script.ToString());
        }, TaskScheduler.Default);
        // keepalived waits for notify_stop (at most a second) before it goes on stopping
        if (timeout != Timeout.InfiniteTimeSpan) run.Wait(timeout + TimeSpan.FromMilliseconds(100));
    }
}

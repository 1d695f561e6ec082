using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Scripts;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Tracking;

/// <summary>
/// One vrrp_script (keepalived's vrrp_script_thread / vrrp_script_child_thread): runs the script
/// at once and then every interval, at most one run at a time (a tick while it still runs is
/// skipped and logged), a run killed after the timeout (the interval when none is given)
/// counting as a failure. The rise/fall counter decides the state, published to the subscribers
/// as <see cref="TrackerActor.TrackerState"/> on every change. A disabled script never runs and
/// stays not known; keepalived removes it from every instance, as
/// <see cref="InstanceTracking.For"/> does, so its state never counts.
/// </summary>
public sealed class VrrpScriptActor : TrackerActor, IWithTimers
{
    private readonly VrrpScript _config;
    private readonly Func<NotifyScript, TimeSpan, CancellationToken, Task<ScriptResult>> _run;
    private readonly ScriptResultCounter _counter;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stop = new();
    private bool _running;
    private int? _lastExitCode;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Time to run the script (the periodic tick).</summary>
    private sealed record RunTick
    {
        public static readonly RunTick Instance = new();
    }

    private sealed record RunFinished(ScriptResult Result);

    /// <summary>Answered with <see cref="Status"/>.</summary>
    public sealed record GetStatus
    {
        public static readonly GetStatus Instance = new();
    }

    /// <param name="Result">keepalived's result counter; <paramref name="Runs"/> started, <paramref name="Skipped"/> ticks skipped while a run was going on.</param>
    public sealed record Status(string Name, bool? Up, int Result, bool Running, long Runs, long Skipped);

    private long _runs;
    private long _skipped;

    /// <param name="run">Runs the script with a timeout (the tests' seam); <see cref="ScriptRunner.RunAsync"/> by default.</param>
    public static Props Props(VrrpScript script,
        Func<NotifyScript, TimeSpan, CancellationToken, Task<ScriptResult>>? run = null)
    {
        var (runner, subscribers) = (run ?? RunScript, new Subscribers());
        return FactoryProps.Create(() => new VrrpScriptActor(script, runner, subscribers));
    }

    private static Task<ScriptResult> RunScript(NotifyScript script, TimeSpan timeout, CancellationToken token) =>
        ScriptRunner.RunAsync(script, null, timeout, token);

    public VrrpScriptActor(VrrpScript config, Func<NotifyScript, TimeSpan, CancellationToken, Task<ScriptResult>> run, Subscribers subscribers)
        : base(config.Name, subscribers)
    {
        _config = config;
        _run = run;
        _counter = new ScriptResultCounter(config.Rise, config.Fall, config.InitFail);
        // made again after a failure, it keeps what it reported until a result says otherwise
        if (!HasReported) Publish(new TrackerState(TrackKind.Script, Name, _counter.Up));

        Receive<RunTick>(_ => OnTick());
        Receive<RunFinished>(f => OnFinished(f.Result));
        Receive<GetStatus>(_ => Sender.Tell(new Status(Name, _counter.Up, _counter.Result, _running, _runs, _skipped)));
        ReceiveAny(Unhandled);
    }

    private bool Disabled => _config.Disabled || _config.Script is null or { Disabled: true };

    protected override void PreStart()
    {
        if (Disabled)
        {
            _log.Info("VRRP_Script({Script}) is disabled and is not run", Name);
            return;
        }
        // keepalived's first run is an event at start-up; the next ones follow every interval
        Timers.StartPeriodicTimer(RunTick.Instance, RunTick.Instance, _config.Interval);
        OnTick();
    }

    protected override void PostStop()
    {
        // a run still going is killed (ScriptRunner kills the process tree on cancellation)
        _stop.Cancel();
        _stop.Dispose();
    }

    private void OnTick()
    {
        if (_running)
        {
            _skipped++;
            _log.Info("Track script {Script} is already running, expect idle - skipping run", Name);
            return;
        }
        _running = true;
        _runs++;
        var timeout = _config.Timeout > TimeSpan.Zero ? _config.Timeout : _config.Interval;
        Task<ScriptResult> task;
        try
        {
            task = _run(_config.Script!, timeout, _stop.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ArgumentException)
        {
            task = Task.FromResult(new ScriptResult(-1, false, ex.Message));
        }
        task.PipeTo(Self, success: r => new RunFinished(r),
            failure: ex => new RunFinished(new ScriptResult(-1, false, ex.Message)));
    }

    private void OnFinished(ScriptResult result)
    {
        _running = false;
        if (_stop.IsCancellationRequested) return;
        if (result.Error is { } error)
            _log.Warning("VRRP_Script({Script}) could not run: {Error}", Name, error);
        else if (!result.TimedOut && result.ExitCode != _lastExitCode)
        {
            _log.Info("Script `{Script}` now returning {Status}", Name, result.ExitCode);
            _lastExitCode = result.ExitCode;
        }
        if (!_counter.Record(result.Succeeded)) return;
        if (result.Succeeded)
            _log.Info("VRRP_Script({Script}) succeeded", Name);
        else if (result.TimedOut)
            _log.Info("VRRP_Script({Script}) timed_out", Name);
        else
            _log.Info("VRRP_Script({Script}) failed (exited with status {Status})", Name, result.ExitCode);
        Publish(new TrackerState(TrackKind.Script, Name, _counter.Up));
    }
}

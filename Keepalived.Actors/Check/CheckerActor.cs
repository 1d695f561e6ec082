using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Check.Logic;
using Keepalived.Actors.Check.Probes;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Check;

/// <summary>
/// One checker of one real server (TCP_CHECK, HTTP_GET, MISC_CHECK ...), a leaf: it runs its
/// probe when due (the first time 1 s + a random share of the warmup after start), feeds the
/// result to the checker's rhythm (<see cref="CheckerRhythm"/>, <see cref="MiscRhythm"/>) and
/// tells its real server what changed. The probe is asynchronous I/O bounded by its own
/// timeouts, so a check never holds a thread. Its progress (retries, up, has run, URL) lives in
/// a <see cref="State"/> made by the real server, so a restarted checker goes on where it was.
/// </summary>
public sealed class CheckerActor : ServiceActor, IWithTimers
{
    private readonly Settings _settings;
    private readonly State _state;
    private readonly TimeProvider _clock;
    private CancellationTokenSource? _running;
    private bool _enabled;

    /// <summary>What a checker is: its place among its real server's checkers, its name for logs, its timing and probe.</summary>
    /// <param name="Dynamic">MISC_CHECK misc_dynamic.</param>
    /// <param name="Weight">The real server's configured weight (MISC_CHECK's share is relative to it).</param>
    /// <param name="Random">A number in [0, 1) for the first check's warmup share.</param>
    /// <param name="Rise">Good results in a row a down checker needs to come back (<see cref="CheckerRise"/>).</param>
    /// <param name="StartEnabled">false under ha_suspend: suspended until the virtual address is known to be local.</param>
    public sealed record Settings(int Index, string Name, CheckerTiming Timing, IProbe Probe, bool Dynamic = false, long Weight = 1,
        Func<double>? Random = null, int Rise = 1, bool StartEnabled = true);

    /// <summary>The checker's progress, kept across incarnations.</summary>
    public sealed class State(CheckerProgress progress)
    {
        public CheckerProgress Progress { get; } = progress;
        /// <summary>The last ha_suspend word the checker heard; null: none yet.</summary>
        public bool? Enabled { get; set; }
        /// <summary>Restarts since the last check that ran to its end.</summary>
        public int Restarts { get; set; }
    }

    /// <summary>To the real server: checker <paramref name="Index"/> has a result that concerns it (update_svr_checker_state).</summary>
    public sealed record Reported(int Index, CheckerReport Report, bool Alpha);

    /// <summary>To the real server: checker <paramref name="Index"/>'s share of the weight is now <paramref name="Share"/>.</summary>
    public sealed record ShareChanged(int Index, long Share);

    /// <summary>ha_suspend: while disabled the checker reschedules every delay_loop without checking.</summary>
    public sealed record SetEnabled(bool Enabled);

    private sealed record Due
    {
        public static readonly Due Instance = new();
    }

    private sealed record Finished(ProbeResult Result, long StartedAt);

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Settings settings, State state) => FactoryProps.Create(() => new CheckerActor(settings, state));

    public CheckerActor(Settings settings, State state)
    {
        _settings = settings;
        _state = state;
        _enabled = state.Enabled ?? settings.StartEnabled;
        _clock = ActorClock.Of(Context.System);
        Receive<Due>(_ => OnDue());
        Receive<Finished>(OnFinished);
        Receive<SetEnabled>(e =>
        {
            if (e.Enabled != _enabled) Log.Info("{Action} checker {Checker}", e.Enabled ? "Activating" : "Deactivating", _settings.Name);
            _enabled = e.Enabled;
            _state.Enabled = e.Enabled;
        });
        ReceiveAny(Unhandled);
    }

    private CheckerTiming Timing => _settings.Timing;

    protected override void PreStart()
    {
        if (!_enabled) Log.Info("Deactivating checker {Checker} (ha_suspend: no address of its virtual server is local)", _settings.Name);
        var u = (_settings.Random ?? System.Random.Shared.NextDouble)();
        Timers.StartSingleTimer(Due.Instance, Due.Instance, Timing.FirstDelay(u) + RestartBackoff(_state.Restarts));
    }

    protected override void PostRestart(Exception reason)
    {
        _state.Restarts++;
        base.PostRestart(reason);
    }

    /// <summary>What a checker made again after <paramref name="restarts"/> failures in a row waits more: 100 ms doubling up to 10 s (LeafSupervision's bounds).</summary>
    public static TimeSpan RestartBackoff(int restarts) => restarts <= 0
        ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(LeafSupervision.MaxBackoff.Ticks, LeafSupervision.MinBackoff.Ticks << Math.Min(restarts - 1, 20)));

    protected override void PostStop()
    {
        _running?.Cancel();
        _running?.Dispose();
    }

    private void OnDue()
    {
        if (!_enabled)
        {
            Timers.StartSingleTimer(Due.Instance, Due.Instance, Timing.DelayLoop);
            return;
        }
        var progress = _state.Progress;
        _running = new CancellationTokenSource();
        var started = _clock.GetTimestamp();
        var step = progress.Kind == CheckerKind.Http ? Math.Max(progress.Url, 0) : 0;
        Task<ProbeResult> probe;
        try
        {
            probe = _settings.Probe.RunAsync(step, _running.Token);
        }
        catch (Exception ex)
        {
            probe = Task.FromResult(new ProbeResult(ProbeVerdict.NotRun, ex.Message));
        }
        probe.PipeTo(Self, success: r => new Finished(r, started),
            failure: ex => new Finished(new ProbeResult(ProbeVerdict.NotRun, ex.GetBaseException().Message), started));
    }

    private void OnFinished(Finished finished)
    {
        _running?.Dispose();
        _running = null;
        _state.Restarts = 0;
        var result = finished.Result;
        var progress = _state.Progress;
        CheckerStep step;
        if (result.Verdict == ProbeVerdict.NotRun)
        {
            Log.Warning("Checker {Checker} could not run: {Reason} - rescheduling", _settings.Name, result.Reason ?? "?");
            step = CheckerRhythm.NotRun(Timing);
        }
        else if (progress.Kind == CheckerKind.Misc)
        {
            int? status = result.Verdict == ProbeVerdict.Success ? result.ExitCode : null;
            step = MiscRhythm.After(progress, Timing, status, _settings.Dynamic, _settings.Weight);
            step = CheckerRise.Apply(progress, step, MiscRhythm.IsSuccess(status, _settings.Dynamic), _settings.Rise);
        }
        else
        {
            var good = result.Verdict == ProbeVerdict.Success;
            step = CheckerRise.Apply(progress, CheckerRhythm.After(progress, Timing, good), good, _settings.Rise);
        }
        if (result.Verdict == ProbeVerdict.Failure && step.Report is { Up: false })
            Log.Info("{Checker} failed: {Reason}", _settings.Name, result.Reason ?? "?");
        // the next run is due from now, before anyone hears of this one
        var delay = step.Delay;
        // MISC_CHECK counts from the start of the run that ended (misc_check_child_thread)
        if (step.FromStart) delay -= _clock.GetElapsedTime(finished.StartedAt);
        if (delay <= TimeSpan.Zero) Self.Tell(Due.Instance);
        else Timers.StartSingleTimer(Due.Instance, Due.Instance, delay);

        if (step.WeightChanged) Context.Parent.Tell(new ShareChanged(_settings.Index, progress.WeightShare));
        if (step.Report is { } report) Context.Parent.Tell(new Reported(_settings.Index, report, Timing.Alpha));
    }
}

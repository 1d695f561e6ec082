using Keepalived.Actors.Config.Vrrp;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Tracking;

/// <summary>
/// One vrrp_track_process (keepalived's track_process.c): up while the number of matching
/// processes is within quorum..quorum_max, published as <see cref="TrackerActor.TrackerState"/>.
/// keepalived hears every fork, exec and exit from the kernel's process connector; this actor
/// counts by scanning /proc every <c>pollInterval</c> (1 s), so a process that lives shorter
/// than that may be missed. keepalived delays a change caused by a fork by fork_delay and one
/// caused by an exit by terminate_delay (<c>delay</c> sets both): here a rise in the count is
/// treated as forks and a fall as exits. A change undone before its delay ran out is never
/// published.
/// </summary>
public sealed class TrackProcessActor : TrackerActor, IWithTimers
{
    private readonly TrackedProcess _config;
    private readonly Func<TrackedProcess, int> _count;
    private readonly TimeSpan _pollInterval;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private int _processes;
    private bool _haveQuorum;

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record Poll
    {
        public static readonly Poll Instance = new();
    }

    private sealed record DelayExpired
    {
        public static readonly DelayExpired Instance = new();
    }

    /// <summary>Answered with <see cref="Status"/>.</summary>
    public sealed record GetStatus
    {
        public static readonly GetStatus Instance = new();
    }

    public sealed record Status(string Name, int Processes, bool HaveQuorum, bool DelayPending);

    /// <param name="count">Counts the matching processes (the tests' seam); a /proc scan by default.</param>
    /// <param name="pollInterval">How often to count; 1 s by default.</param>
    public static Props Props(TrackedProcess process, Func<TrackedProcess, int>? count = null, TimeSpan? pollInterval = null)
    {
        var (counter, interval, subscribers) = (count ?? ScanProc(process), pollInterval ?? TimeSpan.FromSeconds(1), new Subscribers());
        return FactoryProps.Create(() => new TrackProcessActor(process, counter, interval, subscribers));
    }

    private static Func<TrackedProcess, int> ScanProc(TrackedProcess process)
    {
        var matcher = new ProcessMatcher(process);
        var scanner = new ProcScanner();
        return _ => scanner.Count(matcher);
    }

    public TrackProcessActor(TrackedProcess config, Func<TrackedProcess, int> count, TimeSpan pollInterval, Subscribers subscribers)
        : base(config.Name, subscribers)
    {
        _config = config;
        _count = count;
        _pollInterval = pollInterval;
        Receive<Poll>(_ => OnPoll());
        Receive<DelayExpired>(_ => SetQuorum(HasQuorum(_processes)));
        Receive<GetStatus>(_ => Sender.Tell(new Status(Name, _processes, _haveQuorum, Timers.IsTimerActive(DelayExpired.Instance))));
        ReceiveAny(Unhandled);
    }

    protected override void PreStart()
    {
        // at start-up the quorum is taken as found, without delays (initialise_process_tracking_priorities)
        _processes = _count(_config);
        _haveQuorum = HasQuorum(_processes);
        _log.Info("Tracked process {Process}: {Count} running, quorum {State}", Name, _processes,
            _haveQuorum ? "achieved" : "not achieved");
        Publish(new TrackerState(TrackKind.Process, Name, _haveQuorum));
        Timers.StartPeriodicTimer(Poll.Instance, Poll.Instance, _pollInterval);
    }

    private bool HasQuorum(int count) => TrackerPriority.HasQuorum(count, _config.Quorum, _config.QuorumMax);

    private void OnPoll()
    {
        int previous = _processes;
        _processes = _count(_config);
        if (_processes == previous) return;
        if (HasQuorum(_processes) == _haveQuorum)
        {
            // back where it was before a pending delay ran out: nothing to report
            Timers.Cancel(DelayExpired.Instance);
            return;
        }
        if (Timers.IsTimerActive(DelayExpired.Instance)) return;
        var delay = _processes > previous ? _config.ForkDelay : _config.TerminateDelay;
        if (delay > TimeSpan.Zero)
            Timers.StartSingleTimer(DelayExpired.Instance, DelayExpired.Instance, delay);
        else
            SetQuorum(HasQuorum(_processes));
    }

    private void SetQuorum(bool up)
    {
        if (up == _haveQuorum) return;
        _haveQuorum = up;
        _log.Info("Quorum {What} for tracked process {Process}", up ? "gained" : "lost", Name);
        Publish(new TrackerState(TrackKind.Process, Name, up));
    }
}

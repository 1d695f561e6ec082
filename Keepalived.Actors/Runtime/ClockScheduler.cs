using System.Diagnostics.CodeAnalysis;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.EventLoop;
using Keepalived.Actors.Kernel.Timers;

namespace Keepalived.Actors.Runtime;

using AkkaConfig = Akka.Configuration.Config;

/// <summary>
/// The ActorSystem's scheduler (<c>akka.scheduler.implementation</c>), so that every
/// <c>IWithTimers</c> timer is kept by a <see cref="TimeProvider"/> instead of Akka's 10 ms
/// wheel. <c>keepalived-net.scheduler.clock</c> chooses the clock:
/// <list type="bullet">
/// <item><c>timerfd</c> (the service's): a timerfd watched by the VRRP <see cref="EpollEventLoop"/>,
/// which this scheduler starts and owns; an expiry and the actor turns it causes (on
/// <see cref="EventLoopExecutorConfigurator"/>'s dispatcher) share one wake-up of that thread.</item>
/// <item><c>system</c>: .NET's timer queue.</item>
/// <item>an assembly-qualified type name: a <see cref="TimeProvider"/> with a public parameterless
/// constructor, such as the tests' virtual clock.</item>
/// </list>
/// <c>keepalived-net.scheduler.event-loop = on</c> starts the event loop with another clock too
/// (tests: virtual time, with the VRRP actors taking turns on the loop as in the service).
/// </summary>
public sealed class ClockScheduler : SchedulerBase, IDisposable
{
    private readonly long _start;
    private readonly TimerFdTimeProvider? _timerFd;
    private volatile bool _stopped;

    [UnconditionalSuppressMessage("Trimming", "IL2057",
        Justification = "A clock named by type is a test's (the service uses timerfd); an unknown name is refused with a clear error.")]
    public ClockScheduler(AkkaConfig config, ILoggingAdapter log) : base(config, log)
    {
        var clock = config.GetString("keepalived-net.scheduler.clock", "system");
        if (clock == "timerfd" || config.GetBoolean("keepalived-net.scheduler.event-loop", false))
        {
            var scheduling = new VrrpThreadScheduling(
                config.GetInt("keepalived-net.scheduler.loop-nice", VrrpThreadScheduling.DefaultNice),
                VrrpThreadScheduling.Realtime(config.GetInt("keepalived-net.scheduler.loop-realtime-priority", 0)));
            Loop = new EpollEventLoop("vrrp", () => log.Debug("VRRP event loop thread: {Scheduling}", scheduling.ApplyToCurrentThread()),
                ex => log.Error(ex, "VRRP event loop: a callback failed"));
        }
        switch (clock)
        {
            case "system":
                Clock = TimeProvider.System;
                break;
            case "timerfd":
                Clock = _timerFd = new TimerFdTimeProvider(Loop!);
                break;
            default:
                Clock = Type.GetType(clock, throwOnError: false) is { } type && typeof(TimeProvider).IsAssignableFrom(type)
                    ? (TimeProvider)Activator.CreateInstance(type)!
                    : throw new ConfigurationException(
                        $"keepalived-net.scheduler.clock = \"{clock}\": expected timerfd, system or the type name of a TimeProvider");
                break;
        }
        _start = Clock.GetTimestamp();
    }

    /// <summary>The clock every timer of the system runs on (<see cref="ActorClock"/> hands it to actors).</summary>
    public TimeProvider Clock { get; }

    /// <summary>The VRRP event loop (clock <c>timerfd</c>, or <c>event-loop = on</c>): its dispatcher and the VRRP sockets use it.</summary>
    public EpollEventLoop? Loop { get; }

    /// <summary>The VRRP event loop when <paramref name="context"/>'s actor runs on it (its dispatcher is the VRRP one), else null.</summary>
    public static EpollEventLoop? LoopOf(IActorContext context) =>
        context.Props.Dispatcher == ActorSystemConfig.VrrpDispatcher && context.System.Scheduler is ClockScheduler { Loop: { } loop } ? loop : null;

    protected override DateTimeOffset TimeNow => Clock.GetUtcNow();

    public override TimeSpan MonotonicClock => Clock.GetElapsedTime(_start);

    public override TimeSpan HighResMonotonicClock => MonotonicClock;

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Start(new Tell(receiver, message, sender), delay, Timeout.InfiniteTimeSpan, cancelable);

    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message,
        IActorRef sender, ICancelable cancelable) =>
        Start(new Tell(receiver, message, sender), initialDelay, interval, cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Start(new Run(action), delay, Timeout.InfiniteTimeSpan, cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Start(new Run(action.Run), delay, Timeout.InfiniteTimeSpan, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Start(new Run(action), initialDelay, interval, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Start(new Run(action.Run), initialDelay, interval, cancelable);

    private void Start(Work work, TimeSpan delay, TimeSpan period, ICancelable? cancelable)
    {
        if (_stopped || cancelable?.IsCancellationRequested == true) return;
        work.Owner = this;
        work.Cancelable = cancelable;
        work.Repeats = period != Timeout.InfiniteTimeSpan;
        work.Timer = Clock.CreateTimer(static state => ((Work)state!).Fire(), work, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        work.Timer.Change(delay, period);
    }

    public void Dispose()
    {
        _stopped = true;
        _timerFd?.Dispose();
        Loop?.Dispose();
    }

    /// <summary>One scheduled piece of work and its timer. A cancelled one is dropped when it falls due.</summary>
    private abstract class Work
    {
        public ClockScheduler Owner = null!;
        public ICancelable? Cancelable;
        public ITimer? Timer;
        public bool Repeats;

        public void Fire()
        {
            if (Owner._stopped || Cancelable?.IsCancellationRequested == true)
            {
                Timer?.Dispose();
                return;
            }
            if (!Repeats) Timer?.Dispose();
            try
            {
                Execute();
            }
            catch (Exception ex)
            {
                // nothing may escape into the timer's thread: the VRRP loop must keep turning
                Owner.Log.Error(ex, "A scheduled action failed");
            }
        }

        protected abstract void Execute();
    }

    private sealed class Tell(ICanTell receiver, object message, IActorRef sender) : Work
    {
        protected override void Execute() => receiver.Tell(message, sender);
    }

    private sealed class Run(Action action) : Work
    {
        protected override void Execute() => action();
    }
}

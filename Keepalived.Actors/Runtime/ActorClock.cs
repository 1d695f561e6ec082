using Akka.Actor;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// The system's one clock as an Akka extension: the <see cref="ClockScheduler"/>'s
/// <see cref="TimeProvider"/> (a timerfd in the service, virtual in tests), or the system clock
/// when another scheduler is configured. Actors read timestamps from it so that their
/// arithmetic and their timers agree. <c>ActorClock.Of(Context.System)</c>.
/// </summary>
public sealed class ActorClock : IExtension
{
    private ActorClock(TimeProvider time) => Time = time;

    public TimeProvider Time { get; }

    public static TimeProvider Of(ActorSystem system) => system.WithExtension<ActorClock, Provider>().Time;

    /// <summary>The extension's id (Akka's ExtensionIdProvider).</summary>
    public sealed class Provider : ExtensionIdProvider<ActorClock>
    {
        public override ActorClock CreateExtension(ExtendedActorSystem system) =>
            new(system.Scheduler is ClockScheduler clock ? clock.Clock : TimeProvider.System);
    }
}

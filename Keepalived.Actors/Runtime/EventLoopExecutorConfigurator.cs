using Akka.Configuration;
using Akka.Dispatch;
using Keepalived.Actors.Kernel.EventLoop;

namespace Keepalived.Actors.Runtime;

using AkkaConfig = Akka.Configuration.Config;

/// <summary>
/// The executor of the VRRP dispatcher (<c>executor = "…EventLoopExecutorConfigurator, Keepalived.Actors"</c>):
/// mailbox turns run on the <see cref="ClockScheduler"/>'s <see cref="EpollEventLoop"/>, the thread
/// that also keeps the timers and reads the VRRP sockets. With <c>throughput = 1</c> and a
/// <c>throughput-deadline-time</c>, Akka 1.5's mailbox handles one message per turn, so the actors
/// on the loop take turns in the order their messages were told (pinned by a test).
/// </summary>
public sealed class EventLoopExecutorConfigurator(AkkaConfig config, IDispatcherPrerequisites prerequisites)
    : ExecutorServiceConfigurator(config, prerequisites)
{
    public override ExecutorService Produce(string id) =>
        Prerequisites.Scheduler is ClockScheduler { Loop: { } loop }
            ? new EventLoopExecutor(id, loop)
            : throw new ConfigurationException(
                $"dispatcher {id}: its executor runs on the VRRP event loop, which needs akka.scheduler.implementation = " +
                $"\"{typeof(ClockScheduler).AssemblyQualifiedName}\" with keepalived-net.scheduler.clock = timerfd");

    private sealed class EventLoopExecutor(string id, EpollEventLoop loop) : ExecutorService(id)
    {
        public override void Execute(IRunnable run) => loop.Post(run);

        // the loop belongs to the scheduler, which stops it with the system
        public override void Shutdown() { }
    }
}

using Akka.Configuration;
using Keepalived.Actors.Config.Hocon;
using Keepalived.Actors.Kernel;

namespace Keepalived.Actors.Runtime;

using AkkaConfig = Akka.Configuration.Config;

/// <summary>
/// The Akka configuration of keepalived-net's ActorSystem: our scheduler on the VRRP event loop,
/// the VRRP dispatcher, Serilog for Akka's logging. The operator's own <c>akka { }</c> section
/// (from keepalived.hocon) falls back to these, except for the keys the loop depends on, which
/// are refused (<see cref="Reserved"/>).
/// </summary>
public static class ActorSystemConfig
{
    /// <summary>The dispatcher of the VRRP instance, sync-group and socket actors.</summary>
    public const string VrrpDispatcher = "keepalived-net.vrrp-dispatcher";

    /// <summary>
    /// A thread of its own for a leaf whose kernel calls are synchronous and many (IPVS: tens of
    /// thousands of netlink round trips at start), so that they never hold a thread-pool thread
    /// that socket completions and the other actors need.
    /// </summary>
    public const string KernelDispatcher = "keepalived-net.kernel-dispatcher";

    /// <summary>
    /// Keys an operator's akka section may not set: the scheduler the VRRP loop's timers and
    /// dispatcher depend on, and the default mailbox, whose unbounded FIFO order the takeover
    /// sequence relies on. A deployment entry may not name a dispatcher or mailbox either, as that
    /// would move actors off the VRRP loop (<see cref="DeploymentKeys"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> Reserved = ["akka.scheduler.implementation", "akka.actor.default-mailbox.mailbox-type"];

    /// <summary>Settings of an <c>akka.actor.deployment</c> entry that an operator may not give.</summary>
    public static readonly IReadOnlyList<string> DeploymentKeys = ["dispatcher", "mailbox"];

    private static readonly string Scheduler = typeof(ClockScheduler).AssemblyQualifiedName!;

    /// <summary>In place of Akka's JSON serializer: see <see cref="InProcessSerializer"/>.</summary>
    private static readonly string Serializer = typeof(InProcessSerializer).AssemblyQualifiedName!;

    /// <summary>What the service and the tests share: the scheduler, Serilog's message templates, no CLR shutdown hook (SIGTERM is ours), no JSON serializer.</summary>
    public static readonly string Common = $$"""
        akka {
          actor.ask-timeout = 10s
          scheduler.implementation = "{{Scheduler}}"
          logger-formatter = "Akka.Logger.Serilog.SerilogLogMessageFormatter, Akka.Logger.Serilog"
          log-dead-letters = 10
          log-dead-letters-during-shutdown = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          actor.serializers.json = "{{Serializer}}"
        }
        {{KernelDispatcher}} {
          type = PinnedDispatcher
        }
        """;

    /// <summary>One message per mailbox turn: see <see cref="EventLoopExecutorConfigurator"/>.</summary>
    private const string OneMessagePerTurn = "throughput = 1\n  throughput-deadline-time = 1ms";

    /// <summary>
    /// The operator's <c>akka { }</c> section of keepalived.hocon, read by our HOCON reader (with its
    /// includes, substitutions and line numbers) and handed to Akka as resolved JSON; null when there is none.
    /// </summary>
    /// <exception cref="ConfigurationException">It sets a key the VRRP loop depends on (<see cref="Reserved"/>).</exception>
    public static AkkaConfig? OperatorSection(HoconConfig settings)
    {
        if (settings.GetValue("akka") is not HoconObject akka) return null;
        AkkaConfig config;
        try
        {
            config = ConfigurationFactory.ParseString("akka = " + HoconRenderer.Render(akka));
        }
        catch (Exception ex) when (ex is not ConfigurationException)
        {
            throw new ConfigurationException($"akka: {ex.Message}", ex);
        }
        foreach (var key in Reserved.Concat(DeploymentOverrides(config)))
            if (config.HasPath(key))
                throw new ConfigurationException($"{key}: set by keepalived-net (the VRRP event loop depends on it) and may not be changed in keepalived.hocon");
        return config;
    }

    /// <summary>The dispatcher and mailbox keys of each deployment entry the section has.</summary>
    private static IEnumerable<string> DeploymentOverrides(AkkaConfig config) =>
        config.HasPath("akka.actor.deployment")
            ? from entry in config.GetConfig("akka.actor.deployment").Root.GetObject().Items.Keys
              from key in DeploymentKeys
              select $"akka.actor.deployment.\"{entry}\".{key}"
            : [];

    /// <summary>The service's configuration: timers on a timerfd of the VRRP loop, which runs the VRRP dispatcher.</summary>
    public static AkkaConfig Service(VrrpThreadScheduling scheduling, bool debug, AkkaConfig? operatorAkka = null)
    {
        var ours = ConfigurationFactory.ParseString($$"""
            akka {
              loggers = ["Akka.Logger.Serilog.SerilogLogger, Akka.Logger.Serilog"]
              loglevel = {{(debug ? "DEBUG" : "INFO")}}
              stdout-loglevel = WARNING
            }
            keepalived-net.scheduler {
              clock = timerfd
              loop-nice = {{scheduling.Nice}}
              loop-realtime-priority = {{scheduling.RealtimePriority ?? 0}}
            }
            {{VrrpDispatcherSection(onTheLoop: true)}}
            """).WithFallback(ConfigurationFactory.ParseString(Common));
        return operatorAkka is null || operatorAkka.IsEmpty ? ours : operatorAkka.WithFallback(ours);
    }

    /// <summary>The VRRP dispatcher: on the event loop, or (tests) on the thread pool.</summary>
    private static string VrrpDispatcherSection(bool onTheLoop) => $$"""
        {{VrrpDispatcher}} {
          type = Dispatcher
          {{(onTheLoop ? $"executor = \"{typeof(EventLoopExecutorConfigurator).AssemblyQualifiedName}\"" : "")}}
          {{OneMessagePerTurn}}
        }
        """;

    /// <summary>
    /// Tests: the given clock (system, timerfd or a TimeProvider type); the VRRP dispatcher on the
    /// thread pool, or with <paramref name="eventLoop"/> on an event loop as in the service.
    /// </summary>
    public static AkkaConfig Test(string clock, bool eventLoop = false) => ConfigurationFactory.ParseString($$"""
        keepalived-net.scheduler { clock = "{{clock}}", event-loop = {{(eventLoop ? "on" : "off")}} }
        {{VrrpDispatcherSection(eventLoop)}}
        """).WithFallback(ConfigurationFactory.ParseString(Common));
}

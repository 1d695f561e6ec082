using Akka.Event;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Runtime;
using Keepalived.Host;
using Serilog;
using Serilog.Formatting.Display;

namespace Keepalived.Tests.Host;

/// <summary>Actor logging in the service's configuration goes through Akka.Logger.Serilog to the process's Serilog logger.</summary>
[Collection(nameof(GlobalSerilogLogger))]
public sealed class ActorLoggingTests
{
    [Fact]
    public async Task An_actors_event_reaches_serilog_with_its_path_and_our_template_rendered()
    {
        var sink = new TestLogSink(null);
        var previous = Log.Logger;
        Log.Logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger();
        try
        {
            using var system = ActorSystem.Create("logging", ActorSystemConfig.Service(new VrrpThreadScheduling(0, null), debug: false));
            system.ActorOf(Props.Create(() => new Announcer()), "vrrp-VI_1").Tell("MASTER");
            var entering = await Eventually(() => sink.Events.FirstOrDefault(e => e.MessageTemplate.Text.StartsWith("Entering")));
            var line = new StringWriter();
            new MessageTemplateTextFormatter(Keepalived.Host.Logging.Template).Format(entering, line);
            Assert.Matches(@"\[INF\] akka://logging/user/vrrp-VI_1 Entering MASTER STATE \(priority 100\)", line.ToString());
            await system.Terminate();
        }
        finally
        {
            Log.Logger = previous;
        }
    }

    private static async Task<T> Eventually<T>(Func<T?> probe) where T : class
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(10))
            if (probe() is { } found) return found;
        throw new TimeoutException("no such log event");
    }

    private sealed class Announcer : ReceiveActor
    {
        public Announcer()
        {
            var log = Context.GetLogger();
            Receive<string>(state => log.Info("Entering {State} STATE (priority {Priority})", state, 100));
        }
    }
}

[CollectionDefinition(nameof(GlobalSerilogLogger), DisableParallelization = true)]
public sealed class GlobalSerilogLogger;

using Akka.Event;

namespace Keepalived.Tests.ActorTesting;

/// <summary>
/// Records every log event of a system at the moment an actor logs it (a subscriber on the event
/// stream that is not an actor, so nothing waits for a mailbox): a test can ask whether a line
/// was already written when something else happened.
/// </summary>
public sealed class LogCapture
{
    private readonly Lock _lock = new();
    private readonly List<LogEvent> _events = [];

    public LogCapture(ActorSystem system) =>
        system.EventStream.Subscribe(new Recorder(this, system), typeof(LogEvent));

    public IReadOnlyList<LogEvent> Events
    {
        get { lock (_lock) return _events.ToArray(); }
    }

    /// <summary>The events whose message template (or plain message, when logged without arguments) contains <paramref name="text"/>.</summary>
    public IEnumerable<LogEvent> WithTemplate(string text) =>
        Events.Where(e => e.Message switch
        {
            LogMessage m => m.Format.Contains(text, StringComparison.Ordinal),
            string s => s.Contains(text, StringComparison.Ordinal),
            _ => false,
        });

    /// <summary>The arguments of a templated event.</summary>
    public static IReadOnlyList<object> Arguments(LogEvent e) => e.Message is LogMessage m ? [.. m.Parameters()] : [];

    private sealed class Recorder(LogCapture owner, ActorSystem system) : MinimalActorRef
    {
        public override ActorPath Path { get; } = new RootActorPath(Address.AllSystems) / "log-capture" / Guid.NewGuid().ToString("N");

        public override IActorRefProvider Provider => ((ExtendedActorSystem)system).Provider;

        protected override void TellInternal(object message, IActorRef sender)
        {
            if (message is LogEvent e)
                lock (owner._lock) owner._events.Add(e);
        }
    }
}

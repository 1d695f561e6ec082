using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Keepalived.Host;

/// <summary>
/// The logger of the first milliseconds: usable at once, while the real one (sinks, the async
/// worker, the console) is still being built on another thread, so that nothing on the way to
/// the first advert waits for it. What is written meanwhile is held with its time and handed
/// over, in order, by <see cref="Attach"/>; from then on every call goes straight through.
/// Loggers made with <c>ForContext</c> before the hand-over follow it with their properties.
/// </summary>
internal sealed class DeferredLogger : ILogger
{
    /// <summary>A write held until the hand-over: a whole event, or a template with its values, bound then.</summary>
    private readonly record struct Held(DeferredLogger Source, DateTimeOffset Time, LogEventLevel Level, Exception? Exception,
        string? Template, object?[]? Values, LogEvent? Event);

    private sealed class Shared(LogEventLevel minimum)
    {
        public readonly Lock Gate = new();
        public readonly LogEventLevel Minimum = minimum;
        public List<Held>? Held = [];
        public ILogger? Target;
    }

    private readonly Shared _shared;
    private readonly DeferredLogger? _parent;
    private readonly Func<ILogger, ILogger>? _context;
    private ILogger? _resolved;

    /// <param name="minimum">The level the real logger will have: below it nothing is held.</param>
    public DeferredLogger(LogEventLevel minimum) => _shared = new Shared(minimum);

    private DeferredLogger(DeferredLogger parent, Func<ILogger, ILogger> context)
    {
        _shared = parent._shared;
        _parent = parent;
        _context = context;
    }

    /// <summary>Events held so far (tests).</summary>
    internal int HeldCount
    {
        get
        {
            lock (_shared.Gate) return _shared.Held?.Count ?? 0;
        }
    }

    /// <summary>Hands over to <paramref name="target"/>: the held events first, in the order written, with their own times.</summary>
    public void Attach(ILogger target)
    {
        lock (_shared.Gate)
        {
            if (_shared.Held is null) throw new InvalidOperationException("the logger is attached already");
            foreach (var held in _shared.Held) Replay(held, target);
            _shared.Held = null;
            // published last: a write that finds it goes straight through, after everything held
            Volatile.Write(ref _shared.Target, target);
        }
    }

    public bool IsEnabled(LogEventLevel level) => Target() is { } target ? target.IsEnabled(level) : level >= _shared.Minimum;

    public void Write(LogEvent logEvent)
    {
        if (Target() is { } target) target.Write(logEvent);
        else if (logEvent.Level >= _shared.Minimum) Hold(new Held(this, logEvent.Timestamp, logEvent.Level, null, null, null, logEvent));
    }

    public void Write(LogEventLevel level, Exception? exception, string messageTemplate, params object?[]? propertyValues)
    {
        if (Target() is { } target) target.Write(level, exception, messageTemplate, propertyValues);
        else if (level >= _shared.Minimum) Hold(new Held(this, DateTimeOffset.Now, level, exception, messageTemplate, propertyValues, null));
    }

    public ILogger ForContext(ILogEventEnricher enricher) => With(logger => logger.ForContext(enricher));

    public ILogger ForContext(IEnumerable<ILogEventEnricher> enrichers)
    {
        var all = enrichers.ToArray();
        return With(logger => logger.ForContext(all));
    }

    public ILogger ForContext(string propertyName, object? value, bool destructureObjects = false) =>
        With(logger => logger.ForContext(propertyName, value, destructureObjects));

    private ILogger With(Func<ILogger, ILogger> context) =>
        Target() is { } target ? context(target) : new DeferredLogger(this, context);

    /// <summary>This logger's real counterpart once attached (null before).</summary>
    private ILogger? Target()
    {
        if (_resolved is { } resolved) return resolved;
        var target = Volatile.Read(ref _shared.Target);
        // made at most a few times over in a race; each is equivalent
        return target is null ? null : _resolved = Resolve(target);
    }

    private ILogger Resolve(ILogger root) => _parent is null ? root : _context!(_parent.Resolve(root));

    private void Hold(in Held held)
    {
        lock (_shared.Gate)
        {
            if (_shared.Held is { } list)
            {
                list.Add(held);
                return;
            }
        }
        // attached between the check and the lock
        Replay(held, Volatile.Read(ref _shared.Target)!);
    }

    private static void Replay(in Held held, ILogger root)
    {
        var logger = held.Source.Resolve(root);
        if (held.Event is { } whole)
        {
            logger.Write(whole);
            return;
        }
        if (logger.BindMessageTemplate(held.Template!, held.Values, out var template, out var properties))
            logger.Write(new LogEvent(held.Time, held.Level, held.Exception, template, properties));
    }
}

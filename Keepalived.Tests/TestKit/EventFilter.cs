using Serilog.Events;

namespace Keepalived.Actors.Runtime.TestKit;

/// <summary>
/// Akka's EventFilter over the test system's log: <c>EventFilter.Exception&lt;T&gt;().ExpectOne(() =&gt; ...)</c>
/// runs the action and waits until exactly that many matching events were logged. Matching
/// events are muted while the filter is active.
/// </summary>
public sealed class EventFilterFactory(TestLogSink sink, TimeSpan defaultTimeout)
{
    public EventFilter Exception<T>(string? contains = null) where T : Exception =>
        new(sink, defaultTimeout, null, e => e.Exception is T || e.Exception?.InnerException is T, contains, $"exception {typeof(T).Name}");

    public EventFilter Error(string? contains = null) => Level(LogEventLevel.Error, contains);

    public EventFilter Warning(string? contains = null) => Level(LogEventLevel.Warning, contains);

    public EventFilter Info(string? contains = null) => Level(LogEventLevel.Information, contains);

    public EventFilter Debug(string? contains = null) => Level(LogEventLevel.Debug, contains);

    private EventFilter Level(LogEventLevel level, string? contains) =>
        new(sink, defaultTimeout, level, null, contains, level.ToString());
}

/// <summary>One filter: level, exception type, text the rendered message contains, and source path.</summary>
public sealed class EventFilter
{
    private readonly TestLogSink _sink;
    private readonly TimeSpan _timeout;
    private readonly LogEventLevel? _level;
    private readonly Func<LogEvent, bool>? _predicate;
    private readonly string? _contains;
    private readonly string _description;
    private string? _source;
    private int _matched;

    internal EventFilter(TestLogSink sink, TimeSpan timeout, LogEventLevel? level, Func<LogEvent, bool>? predicate,
        string? contains, string description)
    {
        _sink = sink;
        _timeout = timeout;
        _level = level;
        _predicate = predicate;
        _contains = contains;
        _description = description + (contains is null ? "" : $" containing '{contains}'");
    }

    /// <summary>Only events logged by (or about) the actor at this path.</summary>
    public EventFilter FromSource(string actorPath)
    {
        _source = actorPath;
        return this;
    }

    public int Matched => Volatile.Read(ref _matched);

    public void ExpectOne(Action action, TimeSpan? timeout = null) => Expect(1, action, timeout);

    /// <summary>Runs <paramref name="action"/>, then waits for <paramref name="count"/> matching events; more is a failure too.</summary>
    public void Expect(int count, Action action, TimeSpan? timeout = null)
    {
        Interlocked.Exchange(ref _matched, 0);
        _sink.Add(this);
        try
        {
            action();
            var wait = timeout ?? _timeout;
            if (!SpinWait.SpinUntil(() => Matched >= count, wait))
                throw new TestKitAssertionException($"Expected {count} log events ({_description}), got {Matched} within {wait.TotalMilliseconds} ms");
            if (Matched > count)
                throw new TestKitAssertionException($"Expected {count} log events ({_description}), got {Matched}");
        }
        finally
        {
            _sink.Remove(this);
        }
    }

    /// <summary>Mutes matching events until the returned handle is disposed.</summary>
    public IDisposable Mute()
    {
        _sink.Add(this);
        return new Unmute(() => _sink.Remove(this));
    }

    internal bool TryMatch(LogEvent e)
    {
        if (_level is { } l && e.Level != l) return false;
        if (_predicate is not null && !_predicate(e)) return false;
        if (_contains is not null && !e.RenderMessage().Contains(_contains, StringComparison.Ordinal)
            && e.Exception?.Message.Contains(_contains, StringComparison.Ordinal) != true)
            return false;
        if (_source is not null && (!e.Properties.TryGetValue("ActorPath", out var p) || p.ToString().Trim('"') != _source))
            return false;
        Interlocked.Increment(ref _matched);
        return true;
    }

    private sealed class Unmute(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

using Serilog;
using Serilog.Events;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// Akka's logging adapter over Serilog: message templates with named holes
/// (<c>"{Instance} is now {State}"</c>); each event carries the actor's path as <c>ActorPath</c>.
/// </summary>
public interface ILoggingAdapter
{
    bool IsDebugEnabled { get; }
    bool IsInfoEnabled { get; }
    void Debug(string template, params object?[] args);
    void Info(string template, params object?[] args);
    void Warning(string template, params object?[] args);
    void Warning(Exception cause, string template, params object?[] args);
    void Error(string template, params object?[] args);
    void Error(Exception cause, string template, params object?[] args);
    /// <summary>The Serilog logger behind the adapter, for structured properties (<c>ForContext</c>).</summary>
    ILogger Logger { get; }
}

internal sealed class SerilogLoggingAdapter(ILogger logger) : ILoggingAdapter
{
    public ILogger Logger { get; } = logger;
    public bool IsDebugEnabled => Logger.IsEnabled(LogEventLevel.Debug);
    public bool IsInfoEnabled => Logger.IsEnabled(LogEventLevel.Information);
    public void Debug(string template, params object?[] args) => Logger.Debug(template, args);
    public void Info(string template, params object?[] args) => Logger.Information(template, args);
    public void Warning(string template, params object?[] args) => Logger.Warning(template, args);
    public void Warning(Exception cause, string template, params object?[] args) => Logger.Warning(cause, template, args);
    public void Error(string template, params object?[] args) => Logger.Error(template, args);
    public void Error(Exception cause, string template, params object?[] args) => Logger.Error(cause, template, args);
}

/// <summary><c>Context.GetLogger()</c>, as in Akka.NET.</summary>
public static class Logging
{
    /// <summary>The logger of the current actor, with its path as the <c>ActorPath</c> property.</summary>
    public static ILoggingAdapter GetLogger(this IActorContext context) => ((ActorCell)context).Log;
}

namespace Keepalived.Actors.Runtime;

/// <summary>What a supervisor does with a child that failed.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; the failing message is dropped.</summary>
    Resume,
    /// <summary>Replace the instance; the mailbox survives, the failing message is dropped.</summary>
    Restart,
    /// <summary>Stop the child for good.</summary>
    Stop,
    /// <summary>Fail the supervisor itself with the same exception.</summary>
    Escalate,
}

/// <summary>Maps an exception to a <see cref="Directive"/>.</summary>
public interface IDecider
{
    Directive Decide(Exception cause);
}

/// <summary>Factories of deciders.</summary>
public static class Decider
{
    /// <summary>The first entry whose type the exception is an instance of wins; otherwise <paramref name="defaultDirective"/>.</summary>
    public static IDecider From(Directive defaultDirective, params (Type Exception, Directive Directive)[] pairs) =>
        new LocalOnlyDecider(cause =>
        {
            foreach (var (type, directive) in pairs)
                if (type.IsInstanceOfType(cause)) return directive;
            return defaultDirective;
        });

    public static IDecider From(Func<Exception, Directive> decide) => new LocalOnlyDecider(decide);
}

/// <summary>A decider backed by a function.</summary>
public sealed class LocalOnlyDecider(Func<Exception, Directive> decide) : IDecider
{
    public Directive Decide(Exception cause) => decide(cause);
}

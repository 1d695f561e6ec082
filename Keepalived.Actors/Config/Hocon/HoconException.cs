namespace Keepalived.Actors.Config.Hocon;

/// <summary>Base type of every error raised by the HOCON reader.</summary>
public class HoconException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public HoconException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public HoconException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}

/// <summary>
/// A syntax, include or substitution error. The message starts with the position, e.g.
/// <c>(keepalived.hocon: Line 12, Column 1) unexpected '}'</c>.
/// </summary>
public class HoconParseException : HoconException
{
    /// <summary>Creates an exception for an error at <paramref name="origin"/>.</summary>
    public HoconParseException(string reason, HoconOrigin origin, Exception? innerException = null)
        : base($"({origin}) {reason}", innerException)
    {
        Reason = reason;
        Origin = origin;
    }

    /// <summary>The message without the position prefix.</summary>
    public string Reason { get; }

    /// <summary>File, line and column of the error.</summary>
    public HoconOrigin Origin { get; }

    /// <summary>File name (or <c>&lt;string&gt;</c>) of the error.</summary>
    public string File => Origin.File;

    /// <summary>1-based line of the error.</summary>
    public int Line => Origin.Line;

    /// <summary>1-based column of the error.</summary>
    public int Column => Origin.Column;
}

/// <summary>
/// A substitution cycle. Kept apart so that an optional substitution (<c>${?x}</c>) can treat
/// a cycle as "undefined", as the spec requires.
/// </summary>
internal sealed class HoconCycleException : HoconParseException
{
    public HoconCycleException(string reason, HoconOrigin origin) : base(reason, origin)
    {
    }
}

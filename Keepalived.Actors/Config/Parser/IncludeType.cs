namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// What makes an include fail (keepalived's include_t): <c>include</c> tolerates everything,
/// <c>includer</c> R, <c>includem</c> R|M, <c>includew</c> R|M|W, <c>includeb</c> R|B,
/// <c>includea</c> all.
/// </summary>
[Flags]
public enum IncludeType
{
    None = 0,
    /// <summary>A directory, unreadable or executable file is an error.</summary>
    Readable = 0x01,
    /// <summary>No match without a wildcard is an error.</summary>
    Missing = 0x02,
    /// <summary>No match even with a wildcard is an error.</summary>
    Wildcard = 0x04,
    /// <summary>Every brace alternative must match.</summary>
    Brace = 0x08,
}

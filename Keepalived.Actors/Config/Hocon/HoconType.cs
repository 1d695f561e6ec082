namespace Keepalived.Actors.Config.Hocon;

/// <summary>The JSON type of a <see cref="HoconValue"/>.</summary>
public enum HoconType
{
    /// <summary>An object (ordered map of keys to values).</summary>
    Object,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A quoted, unquoted or concatenated string.</summary>
    String,

    /// <summary>A number, kept as written.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary><c>null</c>.</summary>
    Null,

    /// <summary>
    /// A substitution, concatenation or delayed merge that is not resolved yet. Never reachable
    /// from <see cref="HoconConfig.Root"/>, which is always resolved.
    /// </summary>
    Unresolved,
}

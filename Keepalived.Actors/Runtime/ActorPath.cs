using System.Text;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// The location of an actor in its system's tree, e.g. <c>/user/watchdog/vrrp/VI_1</c>.
/// Paths compare by elements only; two incarnations of an actor share a path but not a
/// <see cref="IActorRef"/> (the uid differs).
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    private readonly string[] _elements;
    private string? _text;

    private ActorPath(string systemName, string[] elements, long uid)
    {
        SystemName = systemName;
        _elements = elements;
        Uid = uid;
    }

    /// <summary>The name of the actor system the path belongs to.</summary>
    public string SystemName { get; }

    /// <summary>The last element (the actor's name); empty for the root.</summary>
    public string Name => _elements.Length == 0 ? "" : _elements[^1];

    /// <summary>The names from the root down, e.g. ["user", "watchdog"].</summary>
    public IReadOnlyList<string> Elements => _elements;

    /// <summary>Identifies one incarnation; 0 where no incarnation is meant.</summary>
    public long Uid { get; }

    public int Depth => _elements.Length;

    public ActorPath Parent => _elements.Length == 0 ? this : new ActorPath(SystemName, _elements[..^1], 0);

    public static ActorPath Root(string systemName) => new(systemName, [], 0);

    public ActorPath Child(string name) => new(SystemName, [.. _elements, name], 0);

    public static ActorPath operator /(ActorPath path, string name) => path.Child(name);

    internal ActorPath WithUid(long uid) => new(SystemName, _elements, uid);

    /// <summary>True when <paramref name="other"/> is this path or below it.</summary>
    public bool IsAncestorOrSelfOf(ActorPath other)
    {
        if (other._elements.Length < _elements.Length) return false;
        for (var i = 0; i < _elements.Length; i++)
            if (!string.Equals(_elements[i], other._elements[i], StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary><c>/user/watchdog</c>: the form used in logs and by operators.</summary>
    public string ToStringWithoutAddress() => _text ??= Format();

    /// <summary><c>keepalived://system/user/watchdog</c>.</summary>
    public string ToStringWithAddress() => $"keepalived://{SystemName}{ToStringWithoutAddress()}";

    public override string ToString() => ToStringWithoutAddress();

    private string Format()
    {
        if (_elements.Length == 0) return "/";
        var sb = new StringBuilder();
        foreach (var e in _elements) sb.Append('/').Append(e);
        return sb.ToString();
    }

    public bool Equals(ActorPath? other) =>
        other is not null && SystemName == other.SystemName && _elements.AsSpan().SequenceEqual(other._elements);

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToStringWithoutAddress());

    public int CompareTo(ActorPath? other) =>
        other is null ? 1 : string.CompareOrdinal(ToStringWithoutAddress(), other.ToStringWithoutAddress());

    /// <summary>
    /// A valid actor name: non-empty, no '/', no whitespace control characters, and not starting
    /// with '$' (reserved for generated names).
    /// </summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && name[0] != '$' && !name.Any(c => c == '/' || char.IsControl(c) || char.IsWhiteSpace(c));
}

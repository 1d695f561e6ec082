using System.Globalization;

namespace Keepalived.Actors.Config.Global;

/// <summary>
/// keepalived's rttables lookups: a number (C base 0: decimal, 0x hex, 0 octal) or a name from
/// /etc/iproute2/rt_* with keepalived's built-in names added.
/// </summary>
public static class RtTables
{
    private static readonly (uint Id, string Name)[] TableDefaults = [(253, "default"), (254, "main"), (255, "local")];
    private static readonly (uint Id, string Name)[] ScopeDefaults = [(0, "global"), (255, "nowhere"), (254, "host"), (253, "link"), (200, "site")];
    private static readonly (uint Id, string Name)[] ProtoDefaults =
    [
        (0, "none"), (1, "redirect"), (2, "kernel"), (3, "boot"), (4, "static"), (8, "gated"), (9, "ra"), (10, "mrt"),
        (11, "zebra"), (12, "bird"), (42, "babel"), (13, "dnrouted"), (14, "xorp"), (15, "ntk"), (16, "dhcp"),
    ];
    private static readonly (byte Id, string Name)[] RouteTypes =
    [
        (2, "local"), (10, "nat"), (3, "broadcast"), (3, "brd"), (4, "anycast"), (5, "multicast"), (8, "prohibit"),
        (7, "unreachable"), (6, "blackhole"), (11, "xresolve"), (1, "unicast"), (9, "throw"),
    ];

    /// <summary>Where the iproute2 files are read from (tests may point it elsewhere).</summary>
    public static string Iproute2Directory { get; set; } = "/etc/iproute2";

    public static bool Table(string name, out uint id) => Find(name, out id, "rt_tables", TableDefaults, uint.MaxValue);

    public static bool Scope(string name, out byte id) => FindByte(name, out id, "rt_scopes", ScopeDefaults);

    public static bool Protocol(string name, out byte id) => FindByte(name, out id, "rt_protos", ProtoDefaults);

    public static bool DsField(string name, out byte id) => FindByte(name, out id, "rt_dsfield", []);

    public static bool Realm(string name, out uint id) => Find(name, out id, "rt_realms", [], 255);

    public static bool Group(string name, out uint id) => Find(name, out id, "group", [], int.MaxValue);

    /// <summary>find_rttables_rtntype: a route type name or a number 0..255.</summary>
    public static bool RouteType(string text, out byte id)
    {
        foreach (var (i, n) in RouteTypes)
            if (n == text) { id = i; return true; }
        id = 0;
        if (text.StartsWith('-') || !ParseC(text, out var v) || v > 255) return false;
        id = (byte)v;
        return true;
    }

    public static string RouteTypeName(byte id) => RouteTypes.FirstOrDefault(t => t.Id == id).Name ?? id.ToString(CultureInfo.InvariantCulture);

    public static string ScopeName(byte id) => ScopeDefaults.FirstOrDefault(t => t.Id == id).Name ?? id.ToString(CultureInfo.InvariantCulture);

    /// <summary>strtoul(text, &amp;end, 0) consuming all of <paramref name="text"/>.</summary>
    public static bool ParseC(string text, out ulong value)
    {
        value = 0;
        var s = text.TrimStart(' ', '\t');
        if (s.StartsWith('+')) s = s[1..];
        if (s.Length == 0) return false;
        try
        {
            if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && s.Length > 2)
                return ulong.TryParse(s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
            if (s.Length > 1 && s[0] == '0')
            {
                if (!s.All(c => c is >= '0' and <= '7')) return false;
                foreach (var c in s) value = checked(value * 8 + (ulong)(c - '0'));
                return true;
            }
            return s.All(char.IsAsciiDigit) && ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool FindByte(string name, out byte id, string file, (uint, string)[] defaults)
    {
        var ok = Find(name, out var v, file, defaults, 255);
        id = (byte)(v & 0xff);
        return ok;
    }

    private static bool Find(string name, out uint id, string file, (uint Id, string Name)[] defaults, uint max)
    {
        if (!name.TrimStart(' ', '\t').StartsWith('-') && ParseC(name, out var n))
        {
            id = (uint)n;
            return n <= max;
        }
        foreach (var (i, entry) in Entries(file, defaults, max))
            if (entry == name) { id = i; return true; }
        id = 0;
        return false;
    }

    private static IEnumerable<(uint Id, string Name)> Entries(string file, (uint Id, string Name)[] defaults, uint max)
    {
        var fromFile = new List<(uint, string)>();
        try
        {
            var path = Path.Combine(Iproute2Directory, file);
            if (File.Exists(path))
                foreach (var line in File.ReadLines(path))
                {
                    var hash = line.IndexOf('#');
                    var words = (hash >= 0 ? line[..hash] : line).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    if (words.Length == 2 && !words[0].StartsWith('-') && ParseC(words[0], out var v) && v <= max)
                        fromFile.Add(((uint)v, words[1]));
                }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return fromFile.Concat(defaults.Where(d => fromFile.All(f => f.Item1 != d.Id)));
    }
}

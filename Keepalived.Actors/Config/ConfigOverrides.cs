using System.Text;
using Keepalived.Actors.Config.Hocon;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config;

/// <summary>
/// Applies the <c>keepalived { ... }</c> part of the HOCON layers to the parsed configuration,
/// through the same keyword handlers as keepalived.conf: <c>keepalived.global_defs.router_id = lb2</c>
/// is the line <c>router_id lb2</c> inside global_defs, <c>keepalived.vrrp_instance.VI_1.priority = 120</c>
/// the line <c>priority 120</c> inside <c>vrrp_instance VI_1</c>. A string or number is the
/// keyword's arguments, <c>true</c> a bare keyword, a list a value block (one line per element),
/// an object a keyword block. A path that matches nothing is reported like an unknown keyword.
/// </summary>
public static class ConfigOverrides
{
    public const string RootKey = "keepalived";

    public static void Apply(HoconConfig layers, ConfigParser parser, IReadOnlyList<IConfigSection> sections,
        KeepalivedConfig config)
    {
        if (!layers.HasPath(RootKey) || layers.GetValue(RootKey) is not { } root || !root.IsObject()) return;
        // Which block keywords exist at the top level at all (for telling a wrong name from a wrong keyword).
        var known = new KeywordTable();
        foreach (var section in sections) section.Install(known);
        foreach (var (blockKeyword, value) in root.GetObject())
        {
            var path = $"{RootKey}.{blockKeyword}";
            if (Reopen(sections, blockKeyword, null) is { } unnamed)
            {
                ApplyBody(unnamed, value, path, parser, config);
                continue;
            }
            if (!value.IsObject() || !known.TryGet(blockKeyword, out var keyword) || keyword.Sub is null)
            {
                Unknown(parser, value.Origin, $"Unknown keyword '{blockKeyword}' (override {path})");
                continue;
            }
            foreach (var (name, body) in value.GetObject())
            {
                if (Reopen(sections, blockKeyword, name) is { } table)
                    ApplyBody(table, body, $"{path}.{name}", parser, config);
                else
                    Unknown(parser, body.Origin, $"override {path}.{name}: there is no {blockKeyword} {name}");
            }
        }
    }

    private static KeywordTable? Reopen(IReadOnlyList<IConfigSection> sections, string keyword, string? name) =>
        sections.Select(s => s.Reopen(keyword, name)).FirstOrDefault(t => t is not null);

    private static void ApplyBody(KeywordTable table, HoconValue body, string path, ConfigParser parser, KeepalivedConfig config)
    {
        if (!body.IsObject())
        {
            Unknown(parser, body.Origin, $"override {path} must be an object of keywords");
            return;
        }
        foreach (var (keyword, value) in body.GetObject())
        {
            var text = new StringBuilder();
            if (!Render(keyword, value, text, parser, $"{path}.{keyword}")) continue;
            var origin = value.Origin;
            parser.ApplyBlockText(table, text.ToString(), origin.File, Math.Max(origin.Line, 1));
            config.Overrides.Add(new AppliedOverride($"{path}.{keyword}", Describe(value), origin.ToString()));
        }
    }

    /// <summary>keepalived.conf lines for one keyword; false if the value cannot be expressed.</summary>
    private static bool Render(string keyword, HoconValue value, StringBuilder text, ConfigParser parser, string path)
    {
        switch (value.Type)
        {
            case HoconType.Boolean when value.GetString() == "true":
                text.Append(keyword).Append('\n');
                return true;
            case HoconType.Boolean:
                parser.Diagnostics.ReportAt(ConfigErrorKind.GeneralError, value.Origin.File, value.Origin.Line,
                    $"override {path} = false: a keyword cannot be removed by an override");
                return false;
            case HoconType.Array:
                text.Append(keyword).Append(" {\n");
                foreach (var element in value.GetArray()) text.Append(element.GetString()).Append('\n');
                text.Append("}\n");
                return true;
            case HoconType.Object:
                text.Append(keyword).Append(" {\n");
                foreach (var (k, v) in value.GetObject())
                    if (!Render(k, v, text, parser, $"{path}.{k}")) return false;
                text.Append("}\n");
                return true;
            case HoconType.Null:
                return false;
            default:
                text.Append(keyword).Append(' ').Append(value.GetString()).Append('\n');
                return true;
        }
    }

    private static string Describe(HoconValue value) => value.Type switch
    {
        HoconType.Array => "[" + string.Join(", ", value.GetArray().Select(v => v.GetString())) + "]",
        HoconType.Object => "{...}",
        _ => value.GetString(),
    };

    private static void Unknown(ConfigParser parser, HoconOrigin origin, string message) =>
        parser.Diagnostics.ReportAt(ConfigErrorKind.UnknownKeyword, origin.File, origin.Line, message);
}

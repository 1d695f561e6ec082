using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// Reads the script of a notify* or script line (keepalived's notify_script_init and
/// set_script_params_array) and works out the user it runs as (get_default_script_user).
/// Every script read is added to <see cref="KeepalivedConfig.Scripts"/>.
/// </summary>
internal sealed class NotifyScriptReader(SectionContext context, Func<IVrrpGlobals> globals, ScriptUsers users)
{
    private const string DefaultUser = "keepalived_script";
    private bool _defaultResolved;
    private bool _defaultFailed;
    private string? _defaultUser;

    /// <summary>
    /// A notify line: <c>KEYWORD "SCRIPT ARGS" [USER [GROUP]]</c>. Returns null (after logging, as
    /// keepalived does) when the script cannot be used.
    /// </summary>
    public NotifyScript? ReadNotify(Tokens line, string usage)
    {
        var words = QuotedWords.Split(line.Line, context.Parser);
        if (words is null)
        {
            context.Parser.Log("Unable to parse notify script");
            return null;
        }
        var quoted = Tokens.Of([.. words]);
        var args = QuotedWords.Split(quoted[1], context.Parser);
        if (args is null)
        {
            context.Parser.Log($"Unable to parse script '{quoted[1]}' - ignoring");
            return null;
        }
        string? user, group;
        if (words.Count > 2)
        {
            user = words[2];
            group = words.Count > 3 ? words[3] : null;
            if (!users.Resolve(user, group, context.Parser.Log))
            {
                context.Parser.Log($"Invalid user/group for notify script {args[0]} - ignoring");
                return null;
            }
        }
        else if (!TryDefaultUser(out user, out group))
        {
            context.Parser.Log($"Failed to set default user for notify script {args[0]} - ignoring");
            return null;
        }
        return Register(args, usage, user, group, context.Here());
    }

    /// <summary>vrrp_script's <c>script</c>: only the first (quoted) word of the line is the command line.</summary>
    public IReadOnlyList<string>? ReadScriptArgs(Tokens line)
    {
        var words = QuotedWords.Split(line.Line, context.Parser);
        if (words is null || words.Count < 2) return null;
        return QuotedWords.Split(words[1], context.Parser);
    }

    public NotifyScript Register(IReadOnlyList<string> args, string usage, string? user, string? group, SourcePosition position)
    {
        var script = new NotifyScript(args, usage, position) { User = user, Group = group };
        context.Config.Scripts.Add(script);
        return script;
    }

    /// <summary>
    /// The default script user: global_defs script_user, else keepalived_script if it exists,
    /// else root. Without keepalived_script and with script security, this fails once with a
    /// configuration error, and from then on.
    /// </summary>
    public bool TryDefaultUser(out string? user, out string? group)
    {
        var g = globals();
        user = null;
        group = null;
        if (g.ScriptUser is not null)
        {
            if (g.ScriptUserFailed) return false;
            user = g.ScriptUser;
            group = g.ScriptGroup;
            return true;
        }
        if (_defaultFailed) return false;
        if (!_defaultResolved)
        {
            _defaultResolved = true;
            if (users.Resolve(DefaultUser, null, context.Parser.Log)) _defaultUser = DefaultUser;
            else if (g.ScriptSecurity)
            {
                context.Report(ConfigErrorKind.GeneralError, $"Unable to set default user {DefaultUser} for script");
                _defaultFailed = true;
                return false;
            }
        }
        user = _defaultUser;
        group = null;
        return true;
    }
}

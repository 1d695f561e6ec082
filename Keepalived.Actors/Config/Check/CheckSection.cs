using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Check;

/// <summary>
/// The keywords of the Check part of keepalived.conf (keepalived's init_check_keywords and the
/// checkers' install functions): SSL, virtual_server_group, virtual_server with real_server
/// and the checkers. Handlers act on the last virtual server, real server and checker read,
/// as keepalived's do.
/// </summary>
public sealed partial class CheckSection(SectionContext context) : IConfigSection
{
    /// <summary>IPVS_WEIGHT_LIMIT.</summary>
    internal const uint WeightLimit = int.MaxValue;

    private KeywordTable? _virtualServerKeywords;
    private VirtualServer? _vs;
    private RealServer? _rs;

    public SectionContext Context { get; } = context;

    public CheckConfig Config => Context.Config.Check;

    /// <summary>Whether a <c>track_file</c> of this name has been defined so far (FILE_CHECK looks it up when read).</summary>
    private bool TrackFileDefined(string name) => Context.Config.Vrrp.FindFile(name) is not null;

    /// <summary>
    /// Whether a <c>bfd_instance</c> of this name has been defined (for BFD_CHECK). bfd_instance
    /// blocks are skipped unread (BFD is not implemented), so none ever is.
    /// </summary>
    private static bool BfdInstanceDefined(string name) => false;

    private ConfigParser Parser => Context.Parser;
    private ValueReader Values => Context.Values;

    public void Install(KeywordTable root)
    {
        root.Block("SSL", SslOpen, ssl =>
        {
            ssl.Add("password", t => SslFile(t, "password", (s, v) => s.Password = v, s => s.Password));
            ssl.Add("ca", t => SslFile(t, "cafile", (s, v) => s.CaFile = v, s => s.CaFile));
            ssl.Add("certificate", t => SslFile(t, "certfile", (s, v) => s.CertificateFile = v, s => s.CertificateFile));
            ssl.Add("key", t => SslFile(t, "keyfile", (s, v) => s.KeyFile = v, s => s.KeyFile));
        });
        root.Add("virtual_server_group", VirtualServerGroupBlock);
        root.Block("virtual_server", VirtualServerOpen, vs =>
        {
            _virtualServerKeywords = vs;
            InstallVirtualServerKeywords(vs);
            vs.Block("real_server", RealServerOpen, rs =>
            {
                InstallRealServerKeywords(rs);
                InstallCheckers(rs);
            }, RealServerClose);
        }, VirtualServerClose);
    }

    public void Validate() => new CheckValidator(Context, Config).Run();

    public KeywordTable? Reopen(string blockKeyword, string? name)
    {
        if (blockKeyword != "virtual_server" || name is null) return null;
        var vs = Config.VirtualServers.FirstOrDefault(v => Describe(v) == string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        if (vs is null) return null;
        _vs = vs;
        _rs = vs.RealServers.LastOrDefault();
        return _virtualServerKeywords;
    }

    public void Dump(ConfWriter writer) => CheckDump.Write(writer, Config);

    /// <summary>How a virtual server is named on its keyword line: <c>ADDR PORT</c>, <c>fwmark N</c>, <c>group NAME</c>.</summary>
    internal static string Describe(VirtualServer vs) =>
        vs.GroupName is not null ? $"group {vs.GroupName}"
        : vs.Fwmark != 0 ? $"fwmark {vs.Fwmark}"
        : $"{vs.Address.AddressText} {vs.Address.Port}";

    // SSL { } ------------------------------------------------------------------------------

    private void SslOpen(Tokens t)
    {
        if (Config.Ssl is not null)
            Context.Report(ConfigErrorKind.GeneralError, "SSL context already specified - replacing");
        Config.Ssl = new SslConfig();
    }

    private void SslFile(Tokens t, string type, Action<SslConfig, string> set, Func<SslConfig, string?> get)
    {
        var ssl = Config.Ssl!;
        if (t.Count < 2)
        {
            Context.Report(ConfigErrorKind.GeneralError, $"SSL {type} missing");
            return;
        }
        if (get(ssl) is not null)
            Context.Report(ConfigErrorKind.GeneralError, $"SSL {type} already specified - replacing");
        set(ssl, t[1]);
    }

    // Value helpers shared by the handlers ---------------------------------------------------

    /// <summary>read_timer(strvec, 1, min, max, true) (microseconds, max 0 = none) and the handler's own message on failure.</summary>
    private bool Timer(Tokens t, ulong minMicroseconds, ulong maxMicroseconds, Func<string, string> message, out TimeSpan value)
    {
        if (Values.ReadTimer(t.Span(1), out var us, minMicroseconds, maxMicroseconds, ignoreError: true))
        {
            value = FromMicroseconds(us);
            return true;
        }
        Context.Report(ConfigErrorKind.GeneralError, message(t[1]));
        value = default;
        return false;
    }

    /// <summary>read_unsigned_strvec(strvec, 1, ...) and the handler's own message on failure.</summary>
    private bool Unsigned(Tokens t, uint min, uint max, bool ignoreError, Func<string, string> message, out uint value)
    {
        if (Values.ReadUnsigned(t.Span(1), out value, min, max, ignoreError)) return true;
        Context.Report(ConfigErrorKind.GeneralError, message(t[1]));
        return false;
    }

    /// <summary>An optional true/false word (none = true), as check_true_false; reports an unknown word.</summary>
    private bool Flag(Tokens t, Func<string, string> message, out bool value)
    {
        value = true;
        if (t.Count < 2) return true;
        if (ValueReader.TrueFalse(t.Span(1)) is { } b)
        {
            value = b;
            return true;
        }
        Context.Report(ConfigErrorKind.GeneralError, message(t[1]));
        return false;
    }

    /// <summary>UINT_MAX microseconds: the upper bound keepalived gives connect_timeout.</summary>
    private const ulong UIntMaxMicroseconds = uint.MaxValue;

    internal static TimeSpan FromMicroseconds(ulong us) =>
        us >= (ulong)(TimeSpan.MaxValue.Ticks / 10) ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)us * 10);

    /// <summary>
    /// notify_script_init: the raw line is split again with quotes and escapes; word 1 is the
    /// command line (split once more), words 2 and 3 an optional user and group. Unusable
    /// scripts are logged and ignored, as keepalived does.
    /// </summary>
    private NotifyScript? ReadScript(Tokens t, string type, string usage)
    {
        var words = QuotedWords.Split(t.Line, Parser);
        if (words is null)
        {
            Parser.Log("Unable to parse notify script");
            return null;
        }
        var args = words.Count >= 2 ? QuotedWords.Split(words[1], Parser) : null;
        if (args is null)
        {
            Parser.Log($"Unable to parse script '{(words.Count >= 2 ? words[1] : "(null)")}' - ignoring");
            return null;
        }
        var script = new NotifyScript(args, usage, Context.Here());
        if (words.Count > 2)
        {
            if (!UserAndGroupExist(words, 2))
            {
                Parser.Log($"Invalid user/group for {type} script {args[0]} - ignoring");
                return null;
            }
            script.User = words[2];
            script.Group = words.Count > 3 ? words[3] : null;
        }
        Context.Config.Scripts.Add(script);
        return script;
    }

    /// <summary>set_script_uid_gid: the user at <paramref name="index"/> and the group after it exist.</summary>
    private bool UserAndGroupExist(IReadOnlyList<string> words, int index)
    {
        if (!ScriptUsers.Local.UserExists(words[index]))
        {
            Parser.Log($"Script user '{words[index]}' does not exist");
            return false;
        }
        if (words.Count > index + 1 && !ScriptUsers.Local.GroupExists(words[index + 1]))
        {
            Parser.Log($"Script group '{words[index + 1]}' does not exist");
            return false;
        }
        return true;
    }
}

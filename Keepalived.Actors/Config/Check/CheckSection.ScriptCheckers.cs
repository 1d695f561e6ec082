using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Check;

/// <summary>MISC_CHECK, SMTP_CHECK, FILE_CHECK and BFD_CHECK: the checkers with keywords of their own.</summary>
public sealed partial class CheckSection
{
    // MISC_CHECK: the script is read into these until the block closes.
    private bool _miscActive;
    private IReadOnlyList<string>? _miscArgs;
    private SourcePosition _miscPathPosition;
    private (string User, string? Group)? _miscUser;

    private MiscChecker Misc => Current as MiscChecker ?? new MiscChecker(Context.Here());

    private void InstallMiscCheck(KeywordTable rs) => rs.Block("MISC_CHECK", _ =>
    {
        Queue(new MiscChecker(Context.Here()), false);
        _miscActive = true;
        _miscArgs = null;
        _miscUser = null;
    }, k =>
    {
        InstallCommon(k, false);
        k.Add("misc_path", t =>
        {
            if (!_miscActive) return;
            var words = QuotedWords.Split(t.Line, Parser);
            if (words is null || words.Count < 2) return;
            if (QuotedWords.Split(words[1], Parser) is not { } args) return;
            _miscArgs = args;
            _miscPathPosition = Context.Here();
        });
        k.Add("misc_timeout", t =>
        {
            if (_miscActive && Unsigned(t, 0, uint.MaxValue / 1_000_000, true, v => $"Invalid misc_timeout value '{v}'", out var seconds))
                Misc.Timeout = TimeSpan.FromSeconds(seconds);
        });
        k.Add("misc_dynamic", _ =>
        {
            if (_miscActive) Misc.Dynamic = true;
        });
        k.Add("user", t =>
        {
            if (!_miscActive) return;
            var command = CommandText(_miscArgs);
            if (t.Count < 2)
            {
                Context.Report(ConfigErrorKind.GeneralError, $"No user specified for misc checker script {command}");
                return;
            }
            if (!UserAndGroupExist(t.From(0).ToList(), 1))
            {
                Context.Report(ConfigErrorKind.GeneralError, $"Failed to set uid/gid for misc checker script {command} - removing");
                Dequeue();
                _miscActive = false;
                return;
            }
            _miscUser = (t[1], t.Optional(2));
        });
    }, () =>
    {
        if (!_miscActive) return;
        _miscActive = false;
        if (_miscArgs is null)
        {
            Context.Report(ConfigErrorKind.GeneralError, "No script path has been specified for MISC_CHECKER - skipping");
            Dequeue();
            return;
        }
        var script = new NotifyScript(_miscArgs, $"MISC_CHECK {Describe(Vs)} {Rs.Address}", _miscPathPosition)
        {
            User = _miscUser?.User,
            Group = _miscUser?.Group,
        };
        Misc.Script = script;
        Context.Config.Scripts.Add(script);
    });

    /// <summary>cmd_str: each word in single quotes (not a leading redirection), blank separated.</summary>
    internal static string CommandText(IReadOnlyList<string>? args) =>
        args is null ? "" : string.Join(' ', args.Select((a, i) => i == 0 && a.StartsWith('<') || i == 0 && a.StartsWith('>') ? a : $"'{a}'"));

    // SMTP_CHECK: deprecated host { } blocks are collected and become checkers of their own.
    private readonly List<ConnectionOptions> _smtpHosts = [];
    private ConnectionOptions? _smtpSavedCo;

    private SmtpChecker Smtp => Current as SmtpChecker ?? new SmtpChecker(Context.Here());

    private void InstallSmtpCheck(KeywordTable rs) => rs.Block("SMTP_CHECK", _ =>
    {
        // Unlike the other checkers, the destination starts unset so the end can tell whether it was given.
        Queue(new SmtpChecker(Context.Here()), true).Connection = _co = new ConnectionOptions();
        _smtpHosts.Clear();
    }, k =>
    {
        k.Add("helo_name", t =>
        {
            if (t.Count < 2) Context.Report(ConfigErrorKind.GeneralError, "SMTP_CHECK helo name missing");
            else Smtp.HeloName = t[1];
        });
        InstallCommon(k, true);
        k.Block("host", _ =>
        {
            _smtpSavedCo = _co;
            _co = new ConnectionOptions { Destination = Rs.Address };
        }, h => InstallCommon(h, true), () =>
        {
            if (ConnectionUsable(Co)) _smtpHosts.Add(Co);
            _co = _smtpSavedCo;
        });
    }, SmtpClose);

    /// <summary>smtp_check_end_handler.</summary>
    private void SmtpClose()
    {
        var checker = Smtp;
        checker.HeloName ??= SmtpChecker.DefaultHeloName;
        if (_smtpHosts.Count > 0) Parser.Log("The SMTP_CHECK host block is deprecated. Please define additional checkers.");
        var co = Co;
        var configured = co.Destination.Address is not null || co.Destination.Port != 0 || co.BindTo.Address is not null
            || co.BindTo.Port != 0 || co.BindInterface is not null || _smtpHosts.Count == 0 || co.Fwmark != 0 || co.ConnectTimeout is not null;
        if (configured)
        {
            var port = co.Destination.Port;
            if (co.Destination.Address is null) co.Destination = Rs.Address.WithPort(port != 0 ? port : Rs.Address.Port);
            else if (port == 0) co.Destination = co.Destination.WithPort(Rs.Address.Port);
            if (!ConnectionUsable(co))
            {
                Dequeue();
                return;
            }
        }
        else
        {
            checker.Connection = co = _smtpHosts[0];
            _smtpHosts.RemoveAt(0);
        }
        var timeout = Rs.ConnectTimeout ?? Vs.ConnectTimeout;
        co.ConnectTimeout ??= timeout;
        foreach (var host in _smtpHosts)
        {
            host.ConnectTimeout ??= timeout;
            Rs.Checkers.Add(new SmtpChecker(checker.Position)
            {
                Connection = host,
                HeloName = checker.HeloName,
                Retry = checker.Retry,
                DelayBeforeRetry = checker.DelayBeforeRetry,
                Warmup = checker.Warmup,
                DelayLoop = checker.DelayLoop,
                Alpha = checker.Alpha,
                LogAllFailures = checker.LogAllFailures,
            });
        }
        _smtpHosts.Clear();
    }

    // FILE_CHECK -----------------------------------------------------------------------------

    private FileChecker TrackFileCheck => Current as FileChecker ?? new FileChecker(Context.Here());

    private void InstallFileCheck(KeywordTable rs) => rs.Block("FILE_CHECK", _ => Queue(new FileChecker(Context.Here()), false), k =>
    {
        k.Add("track_file", t =>
        {
            if (TrackFileDefined(t[1])) TrackFileCheck.TrackFile = t[1];
            else Context.Report(ConfigErrorKind.GeneralError, $"track_file {t[1]} not found");
        });
        k.Add("weight", t =>
        {
            if (t.Count < 2)
            {
                Context.Report(ConfigErrorKind.GeneralError, "track file weight missing");
                return;
            }
            const int limit = (int)WeightLimit;
            if (!Values.ReadInt(t[1], out var weight, -limit, limit, ignoreError: true))
            {
                Context.Report(ConfigErrorKind.GeneralError, $"weight for track file must be in [{-limit}..{limit}] inclusive. Ignoring...");
                return;
            }
            var reverse = false;
            if (t.Count >= 3)
            {
                if (t[2] is not ("reverse" or "noreverse"))
                {
                    Context.Report(ConfigErrorKind.GeneralError, $"unknown track file weight option {t[2]} - ignoring");
                    return;
                }
                reverse = t[2] == "reverse";
            }
            TrackFileCheck.Weight = weight;
            TrackFileCheck.WeightReverse = reverse;
        });
    }, () =>
    {
        if (TrackFileCheck.TrackFile is not null) return;
        Context.Report(ConfigErrorKind.GeneralError, "FILE_CHECK has no track_file specified - ignoring");
        Dequeue();
    });

    // BFD_CHECK ------------------------------------------------------------------------------

    private bool _bfdActive;

    private BfdChecker Bfd => Current as BfdChecker ?? new BfdChecker(Context.Here());

    private void InstallBfdCheck(KeywordTable rs) => rs.Block("BFD_CHECK", _ =>
    {
        Queue(new BfdChecker(Context.Here()), false);
        _bfdActive = true;
    }, k =>
    {
        k.Add("name", t =>
        {
            if (!_bfdActive) return;
            var name = t.Optional(1);
            string? error =
                t.Count != 2 ? "No or too many names specified - skipping checker"
                : !BfdInstanceDefined(name!) ? $"BFD {name} not configured"
                : Bfd.Name is not null ? $"BFD {name} already specified as {Bfd.Name}"
                : name!.Length >= 32 ? $"BFD name {name} too long"
                : Rs.Checkers.OfType<BfdChecker>().Any(c => c != Bfd && c.Name == name) ? $"RS already monitoring {name}"
                : null;
            if (error is null)
            {
                Bfd.Name = name;
                return;
            }
            Context.Report(ConfigErrorKind.GeneralError, $"({RsText}) BFD_CHECK - {error}");
            Dequeue();
            _bfdActive = false;
        });
        k.Add("alpha", t =>
        {
            if (_bfdActive && Flag(t, v => $"Invalid alpha parameter {v}", out var alpha)) Bfd.Alpha = alpha;
        });
    }, () =>
    {
        if (!_bfdActive) return;
        _bfdActive = false;
        if (Bfd.Name is not null) return;
        Context.Report(ConfigErrorKind.GeneralError, $"({RsText}) No name has been specified for BFD_CHECKER - skipping");
        Dequeue();
    });
}

using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// The blocks that define what instances and sync groups can track: vrrp_script,
/// vrrp_track_process, track_file (and its deprecated name vrrp_track_file).
/// </summary>
internal sealed class TrackerKeywords(VrrpParseState state, ScriptUsers users)
{
    private const uint MaxSeconds = uint.MaxValue / 1_000_000;
    private bool _scriptUserSet;
    private bool _removeScript;
    private IReadOnlyList<string>? _scriptArgs;
    private SourcePosition _scriptPosition;

    public KeywordTable ScriptTable { get; } = new();
    public KeywordTable ProcessTable { get; } = new();
    public KeywordTable FileTable { get; } = new();

    public void Install(KeywordTable root)
    {
        ScriptTable
            .Add("script", ScriptLine)
            .Add("interval", t => ScriptSeconds(t, "interval", v => Script.Interval = v,
                $"({Script.Name}): vrrp script interval '{t[1]}' must be between 1 and {MaxSeconds} - ignoring"))
            .Add("timeout", t => ScriptSeconds(t, "timeout", v => Script.Timeout = v,
                $"({Script.Name}): vrrp script timeout '{t[1]}' invalid - ignoring"))
            .Add("weight", ScriptWeight)
            .Add("rise", t => Script.Rise = ScriptCount(t, "rise"))
            .Add("fall", t => Script.Fall = ScriptCount(t, "fall"))
            .Add("user", ScriptUser)
            .Add("init_fail", _ => Script.InitFail = true);
        root.Block("vrrp_script", BeginScript, ScriptTable, EndScript);

        ProcessTable
            .Add("process", ProcessName)
            .Add("param_match", ParamMatchLine)
            .Add("weight", ProcessWeight)
            .Add("quorum", Quorum)
            .Add("quorum_max", QuorumMax)
            .Add("delay", t => ProcessDelay(t, "", terminate: true, fork: true))
            .Add("terminate_delay", t => ProcessDelay(t, "terminate_", terminate: true, fork: false))
            .Add("fork_delay", t => ProcessDelay(t, "fork_", terminate: false, fork: true))
            .Add("full_command", _ => Process.FullCommand = true);
        root.Block("vrrp_track_process", BeginProcess, ProcessTable, EndProcess);

        FileTable
            .Add("file", FilePath)
            .Add("weight", FileWeight)
            .Add("init_file", InitFile);
        root.Block("track_file", t => BeginFile(t, deprecated: false), FileTable, EndFile);
        root.Block("vrrp_track_file", t => BeginFile(t, deprecated: true), FileTable, EndFile);
    }

    private VrrpScript Script => state.Script ?? throw new NoCurrentBlockException("vrrp_script");
    private TrackedProcess Process => state.Process ?? throw new NoCurrentBlockException("vrrp_track_process");

    // vrrp_script

    private void BeginScript(Tokens t)
    {
        state.Script = new VrrpScript(t[1], state.Context.Here());
        state.Config.Scripts.Add(state.Script);
        _scriptUserSet = false;
        _removeScript = false;
        _scriptArgs = null;
    }

    private void ScriptLine(Tokens t)
    {
        // Only the first word (quote it for arguments) is the command line.
        if (state.Scripts.ReadScriptArgs(t) is not { } args) return;
        _scriptArgs = args;
        _scriptPosition = state.Context.Here();
        if (Script.Script is { } previous)
        {
            // The block was reopened (an override): replace the script that was registered.
            state.Context.Config.Scripts.Remove(previous);
            Script.Script = state.Scripts.Register(args, previous.Usage, Script.User, Script.Group, _scriptPosition);
        }
    }

    private void ScriptSeconds(Tokens t, string what, Action<TimeSpan> set, string invalid)
    {
        if (!state.Values.ReadUnsigned(t[1], out var seconds, 0, MaxSeconds, true))
        {
            state.Error(invalid);
            return;
        }
        if (seconds == 0)
        {
            state.Error($"({Script.Name}): vrrp script {what} must be greater than 0, setting to 1");
            seconds = 1;
        }
        set(TimeSpan.FromSeconds(seconds));
    }

    private void ScriptWeight(Tokens t)
    {
        if (!state.Values.ReadInt(t[1], out var weight, -253, 253, true))
            state.Error($"vrrp_script {Script.Name} weight {t[1]} must be in [-253, 253]");
        Script.Weight = weight;
        if (t.Count >= 3)
        {
            if (t[2] == "reverse") Script.WeightReverse = true;
            else state.Error($"vrrp_script {Script.Name} unknown weight option {t[2]}");
        }
    }

    private int ScriptCount(Tokens t, string what)
    {
        if (state.Values.ReadUnsigned(t[1], out var n, 1, int.MaxValue, true)) return (int)n;
        state.Error($"({Script.Name}): vrrp script {what} value '{t[1]}' invalid, defaulting to 1");
        return 1;
    }

    private void ScriptUser(Tokens t)
    {
        var group = t.Count > 2 ? t[2] : null;
        if (users.Resolve(t[1], group, state.Log))
        {
            Script.User = t[1];
            Script.Group = group;
            _removeScript = false;
            _scriptUserSet = true;
        }
        else
        {
            state.Error($"Unable to set uid/gid for script {CommandString(_scriptArgs ?? [])}");
            _removeScript = true;
        }
    }

    /// <summary>keepalived's cmd_str: each word in single quotes, except a leading redirection.</summary>
    internal static string CommandString(IReadOnlyList<string> args) =>
        string.Join(' ', args.Select((a, i) => i == 0 && a.Length > 0 && a[0] is '<' or '>' ? a : $"'{a}'"));

    private void EndScript()
    {
        var script = Script;
        if (_scriptArgs is null || _scriptArgs.Count == 0 || _scriptArgs[0].Length == 0)
        {
            state.Error($"No script set for vrrp_script {script.Name} - removing");
            _removeScript = true;
        }
        else if (!_removeScript && !_scriptUserSet)
        {
            if (state.Scripts.TryDefaultUser(out var user, out var group))
                (script.User, script.Group) = (user, group);
            else
            {
                state.Error($"Unable to set default user for vrrp script {script.Name} - removing");
                _removeScript = true;
            }
        }
        if (_removeScript)
        {
            state.Config.Scripts.Remove(script);
            return;
        }
        script.Script = state.Scripts.Register(_scriptArgs!, $"vrrp_script {script.Name}", script.User, script.Group, _scriptPosition);
    }

    // vrrp_track_process

    private void BeginProcess(Tokens t)
    {
        state.Process = new TrackedProcess(t[1], state.Context.Here());
        state.Config.TrackProcesses.Add(state.Process);
    }

    private void ProcessName(Tokens t)
    {
        if (Process.Process is not null)
        {
            state.Error($"Process already set for track process {Process.Name} - ignoring {t[1]}");
            return;
        }
        Process.Process = t[1];
        if (t.Count > 2)
        {
            Process.Parameters.AddRange(t.From(2));
            if (Process.ParamMatch == ParamMatch.None) Process.ParamMatch = ParamMatch.Exact;
            Process.FullCommand = true;
        }
    }

    private void ParamMatchLine(Tokens t)
    {
        var match = t.Count == 1 ? ParamMatch.Exact : t[1] switch
        {
            "initial" => ParamMatch.Initial,
            "partial" => ParamMatch.Partial,
            _ => ParamMatch.None,
        };
        if (match == ParamMatch.None)
        {
            state.Error($"Invalid param_match type {t[1]} - ignoring");
            return;
        }
        Process.ParamMatch = match;
        Process.FullCommand = true;
    }

    private void ProcessWeight(Tokens t)
    {
        if (t.Count < 2)
        {
            state.Error($"No weight specified for track process {Process.Name} - ignoring");
            return;
        }
        if (Process.Weight != 0)
        {
            state.Error($"Weight already set for track process {Process.Name} - ignoring {t[1]}");
            return;
        }
        if (!state.Values.ReadInt(t[1], out var weight, -254, 254, true))
        {
            state.Error($"Weight ({t[1]}) for vrrp_track_process {Process.Name} must be between [-254..254] inclusive. Ignoring...");
            return;
        }
        if (t.Count >= 3)
        {
            if (t[2] == "reverse") Process.WeightReverse = true;
            else state.Error($"vrrp_track_process {Process.Name} unknown weight option {t[2]}");
        }
        Process.Weight = weight;
    }

    private void Quorum(Tokens t)
    {
        if (!state.Values.ReadUnsigned(t[1], out var quorum, 1, 65535, true))
        {
            state.Error($"Quorum ({t[1]}) for vrrp_track_process {Process.Name} must be between [1..65535] inclusive. Ignoring...");
            return;
        }
        if (quorum > Process.QuorumMax)
        {
            state.Error("Quorum is greater than quorum_max - ignoring");
            return;
        }
        Process.Quorum = (int)quorum;
    }

    private void QuorumMax(Tokens t)
    {
        if (!state.Values.ReadUnsigned(t[1], out var max, 0, 65535, true))
        {
            state.Error($"quorum_max ({t[1]}) for vrrp_track_process {Process.Name} must be between [0..65535] inclusive. Ignoring...");
            return;
        }
        // quorum_max 0 is allowed when no quorum was given.
        if ((max != 0 || Process.Quorum > 1) && max < Process.Quorum)
        {
            state.Error("quorum_max is less than quorum - ignoring");
            return;
        }
        Process.QuorumMax = max;
        if (max == 0) Process.Quorum = 0;
        else if (Process.Quorum == 0) Process.Quorum = 1;
    }

    private void ProcessDelay(Tokens t, string prefix, bool terminate, bool fork)
    {
        if (!state.Values.ReadDecimal(t[1], out var delay, 1, 3600UL * 1_000_000, ValueReader.TimerHzDigits, true))
        {
            state.Error($"{prefix}delay ({t[1]}) for vrrp_track_process {Process.Name} must be between [0.000001..3600] inclusive. Ignoring...");
            return;
        }
        if (terminate) Process.TerminateDelay = VrrpParseState.Micro(delay);
        if (fork) Process.ForkDelay = VrrpParseState.Micro(delay);
    }

    private void EndProcess()
    {
        if (Process.Process is not null) return;
        state.Error($"track process '{Process.Name}' process name not specified");
        state.Config.TrackProcesses.Remove(Process);
    }

    // track_file

    private void BeginFile(Tokens t, bool deprecated)
    {
        if (deprecated) state.Log("\"vrrp_track_file\" is deprecated, please use \"track_file\"");
        state.File = new TrackedFile(t[1], state.Context.Here());
    }

    private void FilePath(Tokens t)
    {
        if (t.Count < 2)
        {
            state.Error("track file file name missing");
            return;
        }
        if (state.File is not { } file) return;
        if (file.File is not null)
        {
            state.Error($"File already set for track file {file.Name} - ignoring {t[1]}");
            return;
        }
        file.File = t[1];
    }

    private void FileWeight(Tokens t)
    {
        var file = state.File;
        if (t.Count < 2)
        {
            state.Error($"No weight specified for track file {file?.Name} - ignoring");
            return;
        }
        if (file is null) return;
        if (file.Weight != 1)
        {
            state.Error($"Weight already set for track file {file.Name} - ignoring {t[1]}");
            return;
        }
        if (!state.Values.ReadInt(t[1], out var weight, -254, 254, true))
        {
            state.Error($"Weight ({t[1]}) for track_file {file.Name} must be between [-254..254] inclusive. Ignoring...");
            weight = 1;
        }
        file.Weight = weight;
        if (t.Count >= 3)
        {
            if (t[2] == "reverse") file.WeightReverse = true;
            else state.Error($"track_file {file.Name} unknown weight option {t[2]}");
        }
    }

    private void InitFile(Tokens t)
    {
        if (state.File is not { } file) return;
        file.InitFile = true;
        file.InitOverwrite = false;
        file.InitValue = 0;
        foreach (var raw in t.From(1))
        {
            var word = raw.TrimStart(' ', '\t', '\f', '\n', '\r', '\v');
            if (word.Length > 0 && (char.IsAsciiDigit(word[0]) || word[0] == '-'))
            {
                if (!state.Values.ReadInt(raw, out var value, int.MinValue, int.MaxValue))
                {
                    state.Error($"Track file {file.Name} init value {word} is invalid");
                    value = 0;
                }
                else if (value is < -254 or > 254)
                    state.Error($"Track file {file.Name} init value {value} is outside sensible range [-254, 254]");
                file.InitValue = value;
            }
            else if (word == "overwrite")
                file.InitOverwrite = true;
            else
                state.Error($"Unknown track file init option {word}");
        }
    }

    private void EndFile()
    {
        if (state.File is not { } file) return;
        if (file.File is null)
        {
            state.Error($"No file set for track_file {file.Name} - ignoring");
            return;
        }
        state.File = null;
        if (!state.Config.TrackFiles.Contains(file)) state.Config.TrackFiles.Add(file);
        if (!file.InitFile) return;
        var exists = System.IO.File.Exists(file.File) || Directory.Exists(file.File);
        if (exists && !file.InitOverwrite) return;
        if (exists && !System.IO.File.Exists(file.File))
            state.Error($"Cannot initialise track file {file.Name} - it is not a regular file");
        // With -t keepalived does not write the file; the runtime initialises it.
    }
}

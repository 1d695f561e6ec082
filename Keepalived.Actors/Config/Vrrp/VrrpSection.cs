using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// The VRRP keywords of keepalived.conf (keepalived's init_vrrp_keywords and the track_file
/// keywords): vrrp_script, vrrp_track_process, track_file, vrrp_sync_group, vrrp_instance.
/// </summary>
public sealed class VrrpSection : IConfigSection
{
    private readonly VrrpParseState _state;
    private readonly TrackerKeywords _trackers;
    private readonly SyncGroupKeywords _syncGroups;
    private readonly VrrpInstanceKeywords _instances;

    public VrrpSection(SectionContext context) : this(context, ScriptUsers.Local) { }

    public VrrpSection(SectionContext context, ScriptUsers users)
    {
        Context = context;
        Globals = new GlobalVrrpSettings(context.Config.Global);
        _state = new VrrpParseState(context, () => Globals, users);
        var tracks = new TrackListReader(_state);
        _trackers = new TrackerKeywords(_state, users);
        _syncGroups = new SyncGroupKeywords(_state, tracks);
        _instances = new VrrpInstanceKeywords(_state, tracks);
    }

    public SectionContext Context { get; }

    public VrrpConfig Config => Context.Config.Vrrp;

    /// <summary>The global_defs values VRRP depends on: those read so far.</summary>
    public IVrrpGlobals Globals { get; }

    /// <summary>The interface lookup shared with the static address/route/rule parsers.</summary>
    public VrrpInterfaces Interfaces => _state.Interfaces;

    public void Install(KeywordTable root)
    {
        _syncGroups.Install(root);
        _instances.Install(root);
        _trackers.Install(root);
    }

    public void Validate() => new VrrpValidator(_state).Validate();

    public KeywordTable? Reopen(string blockKeyword, string? name)
    {
        if (name is null) return null;
        switch (blockKeyword)
        {
            case "vrrp_instance" when Config.FindInstance(name) is { } vrrp:
                _state.Instance = vrrp;
                return _instances.Table;
            case "vrrp_sync_group" when Config.FindSyncGroup(name) is { } group:
                _state.SyncGroup = group;
                return _syncGroups.Table;
            case "vrrp_script" when Config.FindScript(name) is { } script:
                _state.Script = script;
                return _trackers.ScriptTable;
            case "vrrp_track_process" when Config.FindProcess(name) is { } process:
                _state.Process = process;
                return _trackers.ProcessTable;
            case "track_file" or "vrrp_track_file" when Config.FindFile(name) is { } file:
                _state.File = file;
                return _trackers.FileTable;
            default:
                return null;
        }
    }

    public void Dump(ConfWriter writer) => new VrrpDumper(Config).Write(writer);
}

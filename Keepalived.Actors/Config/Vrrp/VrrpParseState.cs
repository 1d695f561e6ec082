using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// What the VRRP keyword handlers share while a file is read: the block being filled (keepalived
/// uses the last one allocated), and the helpers for interfaces, scripts and addresses.
/// </summary>
internal sealed class VrrpParseState
{
    public VrrpParseState(SectionContext context, Func<IVrrpGlobals> globals, ScriptUsers users)
    {
        Context = context;
        Globals = globals;
        Interfaces = new VrrpInterfaces(context);
        Scripts = new NotifyScriptReader(context, globals, users);
    }

    public SectionContext Context { get; }
    public VrrpConfig Config => Context.Config.Vrrp;
    public Func<IVrrpGlobals> Globals { get; }
    public VrrpInterfaces Interfaces { get; }
    public NotifyScriptReader Scripts { get; }
    public ValueReader Values => Context.Values;

    public VrrpInstance? Instance { get; set; }
    public VrrpSyncGroup? SyncGroup { get; set; }
    public VrrpScript? Script { get; set; }
    public TrackedProcess? Process { get; set; }
    public TrackedFile? File { get; set; }

    public void Error(string message) => Context.Report(ConfigErrorKind.GeneralError, message);

    public void Log(string message) => Context.Parser.Log(message);

    /// <summary>Microseconds (keepalived's timer units) as a TimeSpan.</summary>
    public static TimeSpan Micro(ulong microseconds) => TimeSpan.FromTicks((long)microseconds * 10);
}

using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>The vrrp_sync_group block.</summary>
internal sealed class SyncGroupKeywords(VrrpParseState state, TrackListReader tracks)
{
    public KeywordTable Table { get; } = new();

    private VrrpSyncGroup Group => state.SyncGroup ?? throw new NoCurrentBlockException("vrrp_sync_group");

    public void Install(KeywordTable root)
    {
        Table
            .Add("group", GroupLine)
            .Add("track_interface", t => tracks.ReadBlock(TrackKind.Interface, Group.Name, Group.Tracks, t))
            .Add("track_script", t => tracks.ReadBlock(TrackKind.Script, Group.Name, Group.Tracks, t))
            .Add("track_file", t => tracks.ReadBlock(TrackKind.File, Group.Name, Group.Tracks, t))
            .Add("track_process", t => tracks.ReadBlock(TrackKind.Process, Group.Name, Group.Tracks, t))
            .Add("track_bfd", t => tracks.ReadBlock(TrackKind.Bfd, Group.Name, Group.Tracks, t));
        NotifyKeywords.Install(Table, NotifyKeywords.Common, state,
            () => Group.Notify, () => $"vrrp group {Group.Name}:", () => $"vrrp_sync_group {Group.Name}");
        Table
            .Add("smtp_alert", t =>
            {
                if (t.Count < 2) Group.SmtpAlert = true;
                else if (ValueReader.TrueFalse(t[1]) is { } on) Group.SmtpAlert = on;
                else state.Error($"Invalid vrrp_group smtp_alert parameter {t[1]}");
            })
            .Add("global_tracking", _ =>
            {
                state.Error($"({Group.Name}) global_tracking is deprecated. Use track_interface/script/file on the sync group");
                Group.TrackingWeight = true;
            })
            .Add("sync_group_tracking_weight", _ => Group.TrackingWeight = true)
            .Add("notify_priority_changes", t =>
            {
                if (t.Count < 2) Group.NotifyPriorityChanges = true;
                else if (ValueReader.TrueFalse(t[1]) is { } on) Group.NotifyPriorityChanges = on;
                else state.Error($"({Group.Name}) Invalid value '{t[1]}' for sync group notify_priority_changes specified");
            });
        root.Block("vrrp_sync_group", Begin, Table);
    }

    private void Begin(Tokens t)
    {
        if (t.Count != 2)
        {
            state.Error("vrrp_sync_group must have a name - skipping");
            state.SyncGroup = null;
            state.Context.Parser.SkipBlock(true);
            return;
        }
        if (state.Config.FindSyncGroup(t[1]) is not null)
        {
            state.Error($"vrrp sync group {t[1]} already defined");
            state.SyncGroup = null;
            state.Context.Parser.SkipBlock(true);
            return;
        }
        state.SyncGroup = new VrrpSyncGroup(t[1], state.Context.Here());
        state.Config.SyncGroups.Add(state.SyncGroup);
    }

    private void GroupLine(Tokens t)
    {
        if (Group.Members is not null)
        {
            state.Error($"Group list already specified for sync group {Group.Name}");
            state.Context.Parser.SkipBlock(true);
            return;
        }
        var members = state.Context.Parser.ReadValueBlockWords(t);
        if (members.Count == 0)
            state.Error($"Warning - sync group {Group.Name} has empty group block");
        else
            Group.Members = [.. members];
    }
}

using FsCheck;
using FsCheck.Fluent;
using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Tracking;

namespace Keepalived.Tests.Tracking;

public sealed class InstanceTrackingTests
{
    private static readonly SourcePosition Here = default;

    private static VrrpConfig Config(out VrrpInstance vi, int priority = 100)
    {
        var config = new VrrpConfig();
        foreach (var name in new[] { "chk_a", "chk_b", "chk_off" })
            config.Scripts.Add(new VrrpScript(name, Here)
            {
                Script = new Keepalived.Actors.Config.Model.NotifyScript(["/bin/true"], name, Here),
                Disabled = name == "chk_off",
            });
        vi = new VrrpInstance("VI_1", Here) { Priority = priority };
        config.Instances.Add(vi);
        return config;
    }

    [Fact]
    public void Total_priority_follows_the_reports_and_faults_carry_their_reason()
    {
        var t = new InstanceTracking(100,
        [
            new TrackedItem(TrackKind.Script, "chk_a", 20, false),
            new TrackedItem(TrackKind.Interface, "eth1", -30, false),
            new TrackedItem(TrackKind.File, "f", 2, false),
            new TrackedItem(TrackKind.Process, "p", 0, false),
        ]);
        Assert.True(t.IsInitialising);
        Assert.Equal(100, t.TotalPriority);

        Assert.Equal(new TrackingUpdate(true, false, false, "track_script chk_a"), t.SetState(TrackKind.Script, "chk_a", true));
        Assert.Equal(120, t.TotalPriority);
        Assert.False(t.SetState(TrackKind.Interface, "eth1", true).TotalChanged);
        Assert.True(t.SetState(TrackKind.Interface, "eth1", false).TotalChanged);
        Assert.Equal(90, t.TotalPriority);
        t.SetFileValue("f", 50);
        Assert.Equal(190, t.TotalPriority);
        Assert.Equal(190, t.EffectivePriority);
        t.SetFileValue("f", 200);
        Assert.Equal(90 + 253, t.TotalPriority);
        Assert.Equal(254, t.EffectivePriority);

        var down = t.SetState(TrackKind.Process, "p", false);
        Assert.Equal(new TrackingUpdate(false, true, true, "track_process p"), down);
        Assert.False(t.IsInitialising);
        Assert.True(t.IsFaulted);
        Assert.Equal(["track_process p"], t.FaultReasons);

        var up = t.SetState(TrackKind.Process, "p", true);
        Assert.True(up.FaultChanged);
        Assert.False(up.Faulted);
        Assert.False(t.IsFaulted);
    }

    [Fact]
    public void A_weighted_file_in_fault_gives_up_its_adjustment_and_takes_it_back_after()
    {
        var t = new InstanceTracking(100, [new TrackedItem(TrackKind.File, "f", 10, false)]);
        t.SetFileValue("f", 5);
        Assert.Equal(150, t.TotalPriority);
        var fault = t.SetFileValue("f", -30);
        Assert.True(fault.FaultChanged && fault.Faulted && fault.TotalChanged);
        Assert.Equal(100, t.TotalPriority);
        t.SetFileValue("f", -3);
        Assert.False(t.IsFaulted);
        Assert.Equal(70, t.TotalPriority);
    }

    [Fact]
    public void Reports_of_untracked_objects_change_nothing()
    {
        var t = new InstanceTracking(100, [new TrackedItem(TrackKind.Script, "chk_a", 20, false)]);
        var u = t.SetState(TrackKind.Script, "other", true);
        Assert.False(u.TotalChanged || u.FaultChanged);
        Assert.False(t.SetFileValue("chk_a", 7).TotalChanged);
        Assert.Equal(100, t.TotalPriority);
    }

    [Fact]
    public void An_owner_keeps_255_whatever_the_weighted_trackers_say()
    {
        var t = new InstanceTracking(255, [new TrackedItem(TrackKind.Process, "p", -50, false)]);
        t.SetState(TrackKind.Process, "p", false);
        Assert.Equal(255, t.EffectivePriority);
    }

    [Fact]
    public void Sync_group_weight_wins_unless_the_instance_tracks_unweighted_and_disabled_scripts_are_dropped()
    {
        var config = Config(out var vi);
        var group = new VrrpSyncGroup("G", Here) { Members = ["VI_1"], TrackingWeight = true };
        config.SyncGroups.Add(group);
        vi.SyncGroup = "G";
        vi.Tracks.Add(new TrackedItem(TrackKind.Script, "chk_a", 10, false));
        vi.Tracks.Add(new TrackedItem(TrackKind.Script, "chk_b", 0, false));
        vi.Tracks.Add(new TrackedItem(TrackKind.Script, "chk_off", 5, false));
        vi.Tracks.Add(new TrackedItem(TrackKind.Process, "p", 10, true));
        group.Tracks.Add(new TrackedItem(TrackKind.Script, "chk_a", -40, true));
        group.Tracks.Add(new TrackedItem(TrackKind.Script, "chk_b", 30, false));
        group.Tracks.Add(new TrackedItem(TrackKind.Process, "p", 7, false));
        group.Tracks.Add(new TrackedItem(TrackKind.Interface, "eth2", -3, false));

        var t = InstanceTracking.For(config, vi);

        Assert.Equal(["chk_a weight -40 reverse", "chk_b weight 0", "p weight 7 reverse", "eth2 weight -3"],
            t.Tracks.Select(x => x.ToString()));
        Assert.False(t.IsTracking(TrackKind.Script, "chk_off"));
    }

    /// <summary>Whatever the order of reports, the total is the base plus the effects of the latest ones.</summary>
    [Fact]
    public void Total_is_always_the_base_plus_the_current_effects()
    {
        var items = new[]
        {
            new TrackedItem(TrackKind.Script, "s", 25, false),
            new TrackedItem(TrackKind.Interface, "i", -60, true),
            new TrackedItem(TrackKind.Process, "p", 0, false),
            new TrackedItem(TrackKind.File, "f", 3, false),
        };
        Prop.ForAll<(byte Which, int Value)[]>(reports =>
        {
            var t = new InstanceTracking(100, items);
            bool? s = null, i = null, p = null;
            long f = 0;
            foreach (var (which, value) in reports)
            {
                switch (which % 4)
                {
                    case 0: t.SetState(TrackKind.Script, "s", s = value % 3 == 0 ? null : value > 0); break;
                    case 1: t.SetState(TrackKind.Interface, "i", i = value > 0); break;
                    case 2: t.SetState(TrackKind.Process, "p", p = value > 0); break;
                    default: t.SetFileValue("f", f = value % 200); break;
                }
            }
            var effects = new[]
            {
                TrackerPriority.ForState(25, false, s), TrackerPriority.ForState(-60, true, i),
                TrackerPriority.ForState(0, false, p), TrackerPriority.ForFile(3, false, f),
            };
            // the file counts only once reported; before that it adds nothing
            return t.TotalPriority == 100 + effects.Sum(e => e.Adjustment)
                && t.IsFaulted == effects.Any(e => e.Fault)
                && t.EffectivePriority is >= 1 and <= 254;
        }).QuickCheckThrowOnFailure();
    }
}

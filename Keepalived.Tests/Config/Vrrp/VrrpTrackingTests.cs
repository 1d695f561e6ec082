using Keepalived.Actors.Config.Vrrp;
using static Keepalived.Tests.Config.Vrrp.VrrpTestSupport;

namespace Keepalived.Tests.Config.Vrrp;

public class VrrpTrackingTests
{
    private const string Instance = " interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n 10.0.0.1\n }\n";

    [Fact]
    public void A_vrrp_script_without_script_is_removed_and_cannot_be_tracked()
    {
        // conditional_conf.conf of the corpus
        var r = Parse("vrrp_script chk {\n interval 1\n}\nvrrp_instance VI_0 {\n" + Instance + " track_script {\n chk\n }\n}\n");
        Assert.Equal(["3: No script set for vrrp_script chk - removing", "11: (VI_0) track script chk not found, ignoring..."], r.Errors);
        Assert.Empty(r.Vrrp.Scripts);
    }

    [Fact]
    public void Vrrp_script_values_and_their_errors()
    {
        var r = Parse("vrrp_script chk {\n script \"/usr/bin/check.sh -q\"\n interval 0\n timeout 3\n weight 300 rev\n rise 2\n fall x\n init_fail\n}\n");
        Assert.True(r.Has(3, "(chk): vrrp script interval must be greater than 0, setting to 1"));
        Assert.True(r.Has(5, "vrrp_script chk weight 300 must be in [-253, 253]"));
        Assert.True(r.Has(5, "vrrp_script chk unknown weight option rev"));
        Assert.True(r.Has(7, "(chk): vrrp script fall value 'x' invalid, defaulting to 1"));
        var s = Assert.Single(r.Vrrp.Scripts);
        Assert.Equal((1.0, 3.0, 2, 1, true), (s.Interval.TotalSeconds, s.Timeout.TotalSeconds, s.Rise, s.Fall, s.InitFail));
        Assert.Equal(["/usr/bin/check.sh", "-q"], s.Script!.Args);
        Assert.Equal(2, s.Script.Position.Line);
        Assert.Same(s.Script, Assert.Single(r.Config.Scripts));
    }

    [Fact]
    public void Only_the_first_word_of_an_unquoted_script_is_the_command()
    {
        var r = Parse("vrrp_script chk {\n script killall -0 nginx\n}\n");
        Assert.Equal(["killall"], r.Vrrp.Scripts[0].Script!.Args);
    }

    [Fact]
    public void A_script_that_cannot_be_found_is_disabled_and_untracked()
    {
        var r = Parse("vrrp_script chk {\n script /etc/keepalived/check.sh\n}\nvrrp_instance VI_1 {\n" + Instance + " track_script {\n chk weight 5\n }\n}\n");
        Assert.Equal(["0: Disabling track script chk since not found/accessible"], r.Errors);
        Assert.True(r.Vrrp.Scripts[0].Disabled);
        Assert.Empty(r.Vrrp.Instances[0].Tracks);
    }

    [Fact]
    public void With_script_security_and_no_keepalived_script_user_the_default_user_fails()
    {
        const string security = "global_defs {\n enable_script_security\n}\n";
        var r = Parse(security + "vrrp_script chk {\n script /usr/bin/check.sh\n}\n");
        Assert.Equal(["6: Unable to set default user keepalived_script for script", "6: Unable to set default user for vrrp script chk - removing"], r.Errors);
        var withUser = Parse("global_defs {\n enable_script_security\n script_user root\n}\nvrrp_script chk {\n script /usr/bin/check.sh\n}\n");
        Assert.Empty(withUser.Errors);
        Assert.Equal("root", withUser.Vrrp.Scripts[0].User);
    }

    [Fact]
    public void Track_lines_take_weight_and_reverse_with_keepalived_messages()
    {
        var r = Parse("vrrp_script s {\n script /bin/true\n weight -10 reverse\n}\nvrrp_instance VI_1 {\n" + Instance
            + " track_interface {\n eth1 weight 254\n eth1\n eth2 weight\n eth0 foo\n eth9\n }\n"
            + " track_script {\n s\n }\n}\n");
        Assert.True(r.Has(12, "(VI_1) weight for eth1 cannot be +/-254. Setting to +/-253"));
        Assert.True(r.Has(13, "(VI_1) duplicate track_interface eth1 - ignoring"));
        Assert.True(r.Has(14, "(VI_1) weight without value specified for track_interface eth2 - ignoring"));
        Assert.True(r.Has(15, "(VI_1) unknown track_interface eth0 option foo - ignoring"));
        Assert.True(r.Has(16, "(VI_1) tracked interface eth9 doesn't exist"));
        var tracks = r.Vrrp.Instances[0].Tracks;
        Assert.Equal(["eth1 weight 253", "s weight -10 reverse"], tracks.Select(t => t.ToString()));
    }

    [Fact]
    public void Track_process_and_track_file_blocks()
    {
        var r = Parse("vrrp_track_process p1 {\n process nginx -g daemon\n weight 300\n weight 5 reverse\n quorum 2\n quorum_max 1\n delay 1.5\n}\n"
            + "vrrp_track_process p2 {\n weight 3\n}\n"
            + "track_file f1 {\n file /tmp/f1\n weight 2 reverse\n weight 3\n init_file 5 overwrite\n}\n"
            + "vrrp_track_file f2 {\n weight 1\n}\n");
        Assert.True(r.Has(3, "Weight (300) for vrrp_track_process p1 must be between [-254..254] inclusive. Ignoring..."));
        Assert.True(r.Has(6, "quorum_max is less than quorum - ignoring"));
        Assert.True(r.Has(11, "track process 'p2' process name not specified"));
        Assert.True(r.Has(15, "Weight already set for track file f1 - ignoring 3"));
        Assert.True(r.Has(20, "No file set for track_file f2 - ignoring"));
        var p = Assert.Single(r.Vrrp.TrackProcesses);
        Assert.Equal(("nginx", ParamMatch.Exact, 5, true, 2), (p.Process, p.ParamMatch, p.Weight, p.WeightReverse, p.Quorum));
        Assert.Equal(["-g", "daemon"], p.Parameters);
        Assert.Equal(TimeSpan.FromSeconds(1.5), p.TerminateDelay);
        var f = Assert.Single(r.Vrrp.TrackFiles);
        Assert.Equal(("/tmp/f1", 2, true, 5, true), (f.File, f.Weight, f.WeightReverse, f.InitValue, f.InitOverwrite));
    }

    [Fact]
    public void Sync_groups_resolve_members_after_parsing()
    {
        var r = Parse("vrrp_sync_group G0 {\n VI_2\n}\nvrrp_sync_group G1 {\n group {\n VI_1\n VI_X\n }\n notify_master /bin/true\n notify_master /bin/false\n}\n"
            + "vrrp_instance VI_1 {\n" + Instance + "}\n");
        Assert.True(r.Has(2, "Unknown keyword 'VI_2'"));
        Assert.True(r.Has(10, "vrrp group G1: notify_master script already specified - ignoring /bin/false"));
        Assert.Contains("0: Sync group G0 has no virtual router(s). removing", r.Errors);
        Assert.Contains("0: Virtual router VI_X specified in sync group G1 doesn't exist - ignoring", r.Errors);
        Assert.Contains("0: Sync group G1 has only 1 virtual router(s) - this probably isn't what you want", r.Errors);
        Assert.Equal("G1", Assert.Single(r.Vrrp.SyncGroups).Name);
        Assert.Equal("G1", r.Vrrp.Instances[0].SyncGroup);
    }

    [Fact]
    public void Script_words_follow_keepalived_quoting_and_escapes()
    {
        var r = Parse("vrrp_script chk {\n script \"/bin/sh -c 'exit 1' a\\tb \\x41\"\n}\n");
        // The line is split, then its second word again: an escaped tab separates words, as in keepalived.
        Assert.Equal(["/bin/sh", "-c", "exit 1", "a", "b", "A"], r.Vrrp.Scripts[0].Script!.Args);
    }
}

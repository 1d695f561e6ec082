using Keepalived.Actors.Config.Parser;

namespace Keepalived.Tests.Config.Global;

public class GlobalDefsTests
{
    [Fact]
    public void Reads_values_with_keepalived_defaults()
    {
        var r = GlobalTestConfig.Load("""
            global_defs {
              router_id LVS_1
              notification_email {
                a@example.com
                b@example.com
              }
              smtp_server 10.0.0.1 2525
              vrrp_garp_interval 0.001
              vrrp_version 3
              vrrp_strict
              enable_script_security
            }
            """);
        var g = r.Config.Global;
        Assert.Empty(r.Diagnostics.All);
        Assert.Equal("LVS_1", g.RouterId);
        Assert.Equal(["a@example.com", "b@example.com"], g.NotificationEmail);
        Assert.Equal("10.0.0.1", g.SmtpServer);
        Assert.Equal(2525, g.SmtpPort);
        Assert.Equal(TimeSpan.FromMilliseconds(1), g.VrrpGarpInterval);
        Assert.Equal(3, g.VrrpVersion);
        Assert.True(g.VrrpStrict);
        Assert.True(g.EnableScriptSecurity);
        Assert.Equal(5u, g.VrrpGarpMasterRepeat);
        Assert.Equal(TimeSpan.FromSeconds(5), g.VrrpGarpMasterDelay);
        Assert.Equal("224.0.0.18", g.VrrpMcastGroup4.ToString());
    }

    [Fact]
    public void Reports_bad_values_on_their_lines()
    {
        var r = GlobalTestConfig.Load("""
            global_defs {
              smtp_connect_timeout num
              vrrp_gna_interval 0
              vrrp_garp_master_repeat 0
              vrrp_mcast_group4 10.0.0.1
              lvs_id foo
            }
            """);
        var lines = r.Lines();
        Assert.Contains((2, "smtp_connect_timeout 'num' must be in [0, 4294] - ignoring"), lines);
        Assert.Contains((3, "number '0' outside range [0.000001, 4294.967295]"), lines);
        Assert.Contains((3, "vrrp_gna_interval '0' is invalid"), lines);
        Assert.Contains((4, "vrrp_garp_master_repeat must be greater than 0, setting to 1"), lines);
        Assert.Contains((5, "vrrp_mcast_group4 [10.0.0.1] is not multicast. Skipping"), lines);
        Assert.Contains((6, "Unknown keyword 'lvs_id'"), lines);
        Assert.Equal(1u, r.Config.Global.VrrpGarpMasterRepeat);
        Assert.Equal(5, r.ExitCode);
    }

    [Fact]
    public void Process_scheduling_is_clamped_like_keepalived()
    {
        var r = GlobalTestConfig.Load("global_defs {\n vrrp_rt_priority 200\n checker_priority -5\n}\n");
        Assert.Equal(99, r.Config.Global.Vrrp.RealtimePriority);
        Assert.Equal(-5, r.Config.Global.Checker.Priority);
        Assert.Contains((2, "vrrp process real-time priority 200 greater than maximum 99 - setting to maximum"), r.Lines());
    }

    [Fact]
    public void Include_check_sets_the_parser_flags()
    {
        var r = GlobalTestConfig.Load("global_defs {\n include_check read +match\n include_check bogus\n}\n");
        Assert.Contains((3, "Unknown include_check type 'bogus' - ignoring"), r.Lines());
    }

    [Fact]
    public void Lvs_sync_daemon_reads_the_old_positional_form()
    {
        var r = GlobalTestConfig.Load("global_defs {\n lvs_sync_daemon eth0 VI_1 5\n}\n");
        var d = r.Config.Global.LvsSyncDaemon!;
        Assert.Equal(("eth0", "VI_1", 5u), (d.Interface, d.VrrpInstance, d.SyncId!.Value));
        Assert.Contains((2, "Please use keyword \"id\" before lvs_sync_daemon SYNCID"), r.Lines());
    }

    [Fact]
    public void Missing_parameter_is_fatal()
    {
        var r = GlobalTestConfig.Load("global_defs {\n vrrp_version\n}\n");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.Diagnostics.All, d => d.Kind == ConfigErrorKind.MissingParameter && d.Line == 2);
    }
}

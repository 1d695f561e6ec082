using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;
using Keepalived.Actors.Config.Vrrp;
using static Keepalived.Tests.Config.Vrrp.VrrpTestSupport;

namespace Keepalived.Tests.Config.Vrrp;

public class VrrpInstanceTests
{
    [Fact]
    public void A_plain_instance_is_read_and_completed_with_keepalived_defaults()
    {
        var r = Parse("""
            vrrp_instance VI_1 {
                state MASTER
                interface eth0
                virtual_router_id 51
                advert_int 2
                unicast_src_ip 192.168.1.152
                unicast_peer {
                    192.168.1.156 min_ttl 2 max_ttl 10
                }
                authentication {
                    auth_type PASS
                    auth_pass 1111
                }
                virtual_ipaddress {
                    10.16.200.200/24 dev eth1 label eth1:1
                }
            }
            """);
        Assert.Empty(r.Errors);
        var v = Assert.Single(r.Vrrp.Instances);
        Assert.Equal(VrrpState.Master, v.State);
        Assert.Equal(255, v.Priority); // derived from state MASTER
        Assert.Equal(51, v.VirtualRouterId);
        Assert.Equal(TimeSpan.FromSeconds(2), v.AdvertInterval);
        Assert.Equal(2, v.Version);
        Assert.Equal(AddressFamily.InterNetwork, v.Family);
        Assert.True(v.IsUnicast);
        Assert.Equal(new UnicastPeer(IPAddress.Parse("192.168.1.156"), 2, 10), Assert.Single(v.UnicastPeers));
        Assert.Equal(IPAddress.Parse("192.168.1.152"), v.SourceAddress);
        Assert.Equal(VrrpAuthType.Pass, v.AuthType);
        Assert.Equal("1111", v.AuthPass);
        var vip = Assert.Single(v.VirtualAddresses);
        Assert.Equal((IPAddress.Parse("10.16.200.200"), 24, "eth1", "eth1:1"), (vip.Address, vip.PrefixLength, vip.Device, vip.Label));
        Assert.Equal(TimeSpan.FromSeconds(5), v.GarpMasterDelay);
    }

    [Fact]
    public void Template_values_are_reported_on_their_lines_like_keepalived()
    {
        // seed003-09 of the corpus
        var r = Parse("""
            vrrp_instance string {
                state MASTER|BACKUP
                virtual_router_id num
                interface string
                mcast_src_ip IP
                priority num
                advert_int num
                lvs_sync_daemon_interface string
                authentication {
                    auth_type PASS|AH
                }
            }
            """);
        Assert.True(r.Has(2, "(string) unknown state 'MASTER|BACKUP', defaulting to BACKUP"));
        Assert.True(r.Has(3, "invalid number 'num'"));
        Assert.True(r.Has(3, "(string): VRID 'num' not valid - must be between 1 & 255"));
        Assert.True(r.Has(4, "WARNING - interface string for vrrp_instance string doesn't exist"));
        Assert.True(r.Has(5, "Configuration error: VRRP instance[string] malformed src address[IP]. Skipping..."));
        Assert.True(r.Has(6, "(string) Priority not valid! must be between 1 & 255. Using default 100"));
        Assert.True(r.Has(7, "(string) Advert interval (num) not valid! Must be > 0 - ignoring"));
        Assert.True(r.Has(8, "(string) Specifying lvs_sync_daemon_interface against a vrrp is deprecated."));
        Assert.True(r.Has(8, "          Please use global lvs_sync_daemon"));
        Assert.True(r.Has(10, "(string) unknown authentication type 'PASS|AH'"));
        // The missing interface stops the VRRP checks: no "virtual router id must be set".
        Assert.Equal("0: Non-existent interface specified in configuration", r.Errors[^1]);
        Assert.Equal(ConfigErrorKind.BadInterface, r.Diagnostics.All[^1].Kind);
        Assert.Equal(5, r.ExitCode);
    }

    [Fact]
    public void Only_a_missing_interface_exits_4()
    {
        var r = Parse("vrrp_instance VI_1 {\n interface eth9\n virtual_router_id 1\n virtual_ipaddress {\n 10.0.0.1\n }\n}\n");
        Assert.True(r.Has(2, "WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist"));
        Assert.Equal(5, r.ExitCode); // the WARNING line itself is a general error
        var dynamic = Parse("global_defs {\n dynamic_interfaces\n}\nvrrp_instance VI_1 {\n interface eth9\n virtual_router_id 1\n virtual_ipaddress {\n 10.0.0.1\n }\n}\n");
        Assert.Empty(dynamic.Errors);
        Assert.Equal("eth9", dynamic.Vrrp.Instances[0].Interface);
    }

    [Fact]
    public void Missing_virtual_router_id_is_reported_without_a_line()
    {
        var r = Parse("vrrp_instance VI_1 {\n interface eth0\n}\n");
        Assert.Equal(["0: (VI_1) the virtual router id must be set"], r.Errors);
        Assert.Equal(5, r.ExitCode);
    }

    [Fact]
    public void Duplicate_and_nameless_instances_are_skipped()
    {
        var r = Parse("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n 10.0.0.1\n }\n}\n"
            + "vrrp_instance VI_1 {\n priority 5\n}\nvrrp_instance {\n priority 7\n}\n");
        Assert.True(r.Has(8, "vrrp instance VI_1 already defined"));
        Assert.True(r.Has(11, "vrrp_instance must have a name"));
        Assert.Equal(100, Assert.Single(r.Vrrp.Instances).Priority);
    }

    [Fact]
    public void Strict_mode_from_global_defs_forces_owner_state_and_drops_authentication()
    {
        // etc_default.conf of the corpus
        var r = Parse("""
            global_defs {
                vrrp_strict
            }
            vrrp_instance VI_1 {
                state MASTER
                interface eth0
                virtual_router_id 51
                priority 100
                authentication {
                    auth_type PASS
                    auth_pass 1111
                }
                virtual_ipaddress {
                    192.168.200.16
                }
            }
            """);
        Assert.Equal(["0: (VI_1) State MASTER must match being address owner", "0: (VI_1) Strict mode does not support authentication. Ignoring."], r.Errors);
        var v = r.Vrrp.Instances[0];
        Assert.Equal((VrrpState.Backup, VrrpAuthType.None, false, true), (v.State, v.AuthType, v.Accept, v.LowerPrioNoAdvert));
    }

    [Fact]
    public void AH_authentication_clears_an_initial_master_state()
    {
        var r = Parse("vrrp_instance VI_1 {\n state MASTER\n interface eth0\n virtual_router_id 51\n priority 100\n"
            + " authentication {\n auth_type AH\n auth_pass 1111\n }\n virtual_ipaddress {\n 10.0.0.1\n }\n}\n");
        Assert.Equal(["0: (VI_1) Initial state master is incompatible with AH authentication - clearing"], r.Errors);
        Assert.Equal(VrrpState.Backup, r.Vrrp.Instances[0].State);
    }

    [Fact]
    public void Advert_intervals_are_rounded_per_version()
    {
        var r = Parse("vrrp_instance A {\n interface eth0\n virtual_router_id 1\n advert_int 1.5\n virtual_ipaddress {\n 10.0.0.1\n }\n}\n"
            + "vrrp_instance B {\n interface eth1\n virtual_router_id 1\n version 3\n advert_int 0.015\n virtual_ipaddress {\n 10.0.0.2\n }\n}\n");
        Assert.Contains("0: (A) VRRPv2 advertisement interval 1.500000s must be an integer. rounding", r.Errors);
        Assert.Contains("0: (B) VRRPv3 advertisement interval 0.015000s must be in units of 10ms - rounding", r.Errors);
        Assert.Equal(TimeSpan.FromSeconds(2), r.Vrrp.Instances[0].AdvertInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(20), r.Vrrp.Instances[1].AdvertInterval);
    }

    [Fact]
    public void Virtual_addresses_are_checked_and_families_must_match()
    {
        var r = Parse("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n"
            + " 10.0.0.1/40\n 10.0.0.300\n fe80::1\n 10.0.0.3 brd\n 10.0.0.4 scope bogus\n }\n}\n");
        Assert.True(r.Has(5, "Invalid address prefix len 40 for address 10.0.0.1/40 - using 32"));
        Assert.True(r.Has(6, "VRRP parsed invalid IP 10.0.0.300. skipping IP..."));
        Assert.True(r.Has(7, "(VI_1): address family must match VRRP instance [fe80::1] - ignoring"));
        Assert.True(r.Has(8, "No brd parameter specified for 10.0.0.3"));
        Assert.True(r.Has(9, "Invalid scope 'bogus' specified for 10.0.0.4 - ignoring"));
        Assert.Equal(["10.0.0.1/32", "10.0.0.4/32"], r.Vrrp.Instances[0].VirtualAddresses.Select(a => a.ToString()));
    }

    [Fact]
    public void Notify_scripts_are_registered_once_with_their_user()
    {
        var r = Parse("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n"
            + " notify_master \"/etc/ka/master.sh arg1\" nobody\n notify_master /bin/true\n notify /bin/true\n"
            + " virtual_ipaddress {\n 10.0.0.1\n }\n}\n");
        Assert.True(r.Has(5, "(VI_1) notify_master script already specified - ignoring /bin/true"));
        var master = r.Vrrp.Instances[0].Notify["notify_master"]!;
        Assert.Equal(["/etc/ka/master.sh", "arg1"], master.Args);
        Assert.Equal(("nobody", 4), (master.User, master.Position.Line));
        Assert.Equal(2, r.Config.Scripts.Count);
        Assert.Null(r.Config.Scripts[1].User); // keepalived_script does not exist, no script security: root
    }

    [Fact]
    public void Reopen_applies_an_override_to_a_named_instance()
    {
        var r = Parse("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n priority 50\n virtual_ipaddress {\n 10.0.0.1\n }\n}\n");
        var table = r.Section.Reopen("vrrp_instance", "VI_1");
        Assert.NotNull(table);
        Assert.True(table!.TryGet("priority", out var keyword));
        keyword.Handler!(Tokens.Of("priority", "120"));
        Assert.Equal(120, r.Vrrp.Instances[0].Priority);
        Assert.Null(r.Section.Reopen("vrrp_instance", "VI_9"));
    }

    [Fact]
    public void Dump_writes_the_instance_with_defaults()
    {
        var r = Parse("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 7\n virtual_ipaddress {\n 10.0.0.1\n }\n}\n");
        var w = new Keepalived.Actors.Config.ConfWriter();
        r.Section.Dump(w);
        var text = w.ToString();
        Assert.Contains("vrrp_instance VI_1 {", text);
        Assert.Contains("    virtual_router_id 7", text);
        Assert.Contains("    priority 100", text);
        Assert.Contains("    advert_int 1", text);
        Assert.Contains("        10.0.0.1/32", text);
    }
}

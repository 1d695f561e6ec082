using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Config.Parser;
using static Keepalived.Tests.Config.Check.CheckTestSupport;

namespace Keepalived.Tests.Config.Check;

public class VirtualServerTests
{
    private const string Sample = """
        virtual_server 192.168.200.100 443 {
          delay_loop 6
          lb_algo rr
          lb_kind NAT
          persistence_timeout 50
          protocol TCP
          real_server 192.168.201.100 443 {
            weight 3
            TCP_CHECK {
              connect_timeout 3
            }
          }
        }
        """;

    [Fact]
    public void Reads_virtual_server_with_defaults_filled_in()
    {
        var r = Load(Sample);
        Assert.Empty(Errors(r));
        Assert.Equal(0, r.ExitCode);
        var vs = Assert.Single(r.Config.Check.VirtualServers);
        Assert.Equal(IPAddress.Parse("192.168.200.100"), vs.Address.Address);
        Assert.Equal(443, vs.Address.Port);
        Assert.Equal(AddressFamily.InterNetwork, vs.Family);
        Assert.Equal(TimeSpan.FromSeconds(6), vs.DelayLoop);
        Assert.Equal("rr", vs.Scheduler);
        Assert.Equal(ForwardingMethod.Nat, vs.Forwarding.Method);
        Assert.Equal(50u, vs.PersistenceTimeout);
        Assert.Equal(LvsProtocol.Tcp, vs.Protocol);
        Assert.Equal(TimeSpan.FromSeconds(5), vs.ConnectTimeout);
        Assert.Equal(1u, vs.Quorum);
        var rs = Assert.Single(vs.RealServers);
        Assert.Equal(3u, rs.Weight);
        Assert.Equal(TimeSpan.FromSeconds(6), rs.DelayLoop);
        var tcp = Assert.IsType<TcpChecker>(Assert.Single(rs.Checkers));
        Assert.Equal(TimeSpan.FromSeconds(3), tcp.Connection!.ConnectTimeout);
        Assert.Equal(rs.Address, tcp.Connection.Destination);
        Assert.Equal(1u, tcp.Retry);
        Assert.Equal(TimeSpan.FromSeconds(1), tcp.DelayBeforeRetry);
        Assert.Equal(TimeSpan.FromSeconds(6), tcp.Warmup);
    }

    [Fact]
    public void Garbled_address_is_reported_and_its_block_skipped()
    {
        var r = Load("virtual_server (@IP PORT)|(fwmark num) {\n  delay_loop num\n  lb_algo x\n}\n");
        Assert.Equal(
        [
            (ConfigErrorKind.InvalidNumber, 1, "invalid number 'PORT)|(fwmark'"),
            (ConfigErrorKind.GeneralError, 1, "Invalid virtual server IP address/port (@IP/PORT)|(fwmark - skipping"),
        ], Errors(r));
        Assert.Empty(r.Config.Check.VirtualServers);
        Assert.Equal(5, r.ExitCode);
    }

    [Fact]
    public void Virtual_server_without_real_servers_is_dropped_without_line_number()
    {
        var r = Load("virtual_server 192.168.200.100 443 {\n  lb_algo rr\n}\n");
        var e = Assert.Single(Errors(r));
        Assert.Equal((ConfigErrorKind.GeneralError, 0, "Virtual server [192.168.200.100]:none:443 has no real servers - ignoring"), e);
        Assert.Empty(r.Config.Check.VirtualServers);
    }

    [Fact]
    public void Fwmark_with_protocol_is_warned_and_defaults_are_reported()
    {
        var r = Load("virtual_server fwmark 1 {\n  protocol TCP\n  real_server 10.0.0.1 80 {\n  }\n}\n");
        Assert.Equal(
        [
            "Warning: Virtual server FWM 1: protocol specified for fwmark - protocol will be ignored",
            "Virtual server FWM 1: no scheduler set, setting default 'wlc'",
            "Virtual server FWM 1: no forwarding method set, setting default NAT",
        ], Errors(r).Select(e => e.Message));
        Assert.All(Errors(r), e => Assert.Equal(0, e.Line));
        var vs = Assert.Single(r.Config.Check.VirtualServers);
        Assert.Equal(LvsProtocol.None, vs.Protocol);
        Assert.Equal("wlc", vs.Scheduler);
        Assert.Equal(80, vs.RealServers[0].Address.Port);
    }

    [Fact]
    public void Range_errors_report_reader_and_handler_messages()
    {
        var r = Load("""
            virtual_server 10.1.1.1 80 {
              lb_algo foo
              quorum 0
              weight 0
              delay_loop 0
              lvs_method TUN type gue
              protocol TCP
              real_server 10.1.1.2 80 {
                weight 70000000000
              }
            }
            """);
        Assert.Equal(
        [
            (ConfigErrorKind.GeneralError, 2, "Invalid lvs_scheduler 'foo' - ignoring"),
            (ConfigErrorKind.InvalidNumber, 3, "number '0' outside range [1, 4294967295]"),
            (ConfigErrorKind.GeneralError, 3, "Quorum 0 must be in [1, 4294967295]. Setting to 1."),
            (ConfigErrorKind.InvalidNumber, 4, "number '0' outside range [1, 2147483647]"),
            (ConfigErrorKind.GeneralError, 4, "Virtual server weight 0 is outside range 1-2147483647"),
            (ConfigErrorKind.InvalidNumber, 5, "number '0' outside range [0.000001, 18446744073709.551614]"),
            (ConfigErrorKind.GeneralError, 5, "virtual server delay loop '0' invalid - ignoring"),
            (ConfigErrorKind.GeneralError, 6, "gue tunnels require port, otherwise cannot have port."),
            (ConfigErrorKind.InvalidNumber, 9, "number '70000000000' outside unsigned integer range"),
            (ConfigErrorKind.GeneralError, 9, "Real server weight 70000000000 is outside range 0-2147483647"),
            (ConfigErrorKind.GeneralError, 0, "Virtual server [10.1.1.1]:tcp:80: no scheduler set, setting default 'wlc'"),
        ], Errors(r));
        // The method is kept although the tunnel options were refused.
        Assert.Equal(ForwardingMethod.Tunnel, r.Config.Check.VirtualServers[0].Forwarding.Method);
    }

    [Fact]
    public void Quorum_above_total_weight_and_hysteresis_are_reduced()
    {
        var r = Load("virtual_server 10.1.1.1 80 {\n lb_algo rr\n lb_kind DR\n protocol TCP\n quorum 10\n hysteresis 20\n real_server 10.1.1.2 81 {\n }\n}\n");
        var vs = Assert.Single(r.Config.Check.VirtualServers);
        Assert.Equal(1u, vs.Quorum);
        Assert.Equal(0u, vs.Hysteresis);
        Assert.Equal(80, vs.RealServers[0].Address.Port);
        Assert.Contains(Errors(r), e => e.Message == "WARNING - virtual server [10.1.1.1]:tcp:80 and real server [10.1.1.2]:tcp:81 ports don't match - resetting");
    }

    [Fact]
    public void Notify_and_quorum_scripts_are_registered()
    {
        var r = Load("""
            virtual_server 10.1.1.1 80 {
              lb_algo rr
              lb_kind NAT
              protocol TCP
              quorum_up "/usr/local/sbin/up.sh arg1"
              real_server 10.1.1.2 80 {
                notify_up /bin/true
                notify_up /bin/false
              }
            }
            """);
        Assert.Equal((ConfigErrorKind.GeneralError, 8, "((null)) notify_up script already specified - ignoring /bin/false"),
            Assert.Single(Errors(r), e => e.Item1 == ConfigErrorKind.GeneralError));
        // Scripts run as root without enable_script_security: keepalived's checker says so (exit 6).
        Assert.Contains(Errors(r), e => e.Item1 == ConfigErrorKind.SecurityError);
        Assert.Equal(2, r.Config.Scripts.Count);
        Assert.Equal(["/usr/local/sbin/up.sh", "arg1"], r.Config.Scripts[0].Args);
        Assert.Equal(5, r.Config.Scripts[0].Position.Line);
        Assert.Same(r.Config.Scripts[1], r.Config.Check.VirtualServers[0].RealServers[0].NotifyUp);
    }

    [Fact]
    public void Dump_writes_the_virtual_server_back()
    {
        var r = Load(Sample);
        var dump = r.Dump();
        Assert.Contains("virtual_server 192.168.200.100 443 {", dump);
        Assert.Contains("lvs_sched rr", dump);
        Assert.Contains("real_server 192.168.201.100 443 {", dump);
        Assert.Contains("TCP_CHECK {", dump);
    }
}

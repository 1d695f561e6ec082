using System.Net;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Vrrp;
using Keepalived.Tests.Config;

namespace Keepalived.Tests.Protocol.StateMachine;

/// <summary>
/// keepalived 2.2.7 applies vrrp_strict when it completes an instance (vrrp_complete_instance):
/// at run time only the completed values act. These follow a strict instance from its text to
/// what the runtime is given: no repeated lower-priority GARPs, no lower-priority adverts, no
/// reply to a higher priority, no preempt delay, no authentication, and no accept mode.
/// </summary>
public sealed class StrictModeSettingsTests
{
    private const string Strict = """
        global_defs {
            vrrp_strict
            vrrp_garp_lower_prio_repeat 4
            vrrp_higher_prio_send_advert
        }
        vrrp_instance VI_1 {
            interface eth0
            state BACKUP
            virtual_router_id 51
            priority 100
            preempt_delay 5
            authentication {
                auth_type PASS
                auth_pass secret
            }
            virtual_ipaddress { 10.199.0.100/24 }
        }
        """;

    private static VrrpInstance Load(string text)
    {
        var loaded = ConfigText.Load(text, new FakeHost("eth0"));
        return Assert.Single(loaded.Config.Vrrp.Instances);
    }

    [Fact]
    public void A_strict_instance_runs_with_keepalived_strict_values()
    {
        var vrrp = Load(Strict);
        var s = VrrpStateMachineSettings.FromInstance(vrrp, IPAddress.Parse("10.199.0.1"));

        Assert.Equal((0, TimeSpan.Zero), (s.GarpLowerPrioRepeat, s.GarpLowerPrioDelay));
        Assert.True(s.LowerPrioNoAdvert);
        Assert.False(s.HigherPrioSendAdvert);
        Assert.Equal(TimeSpan.Zero, s.PreemptDelay);
        Assert.Equal(VrrpAuthType.None, vrrp.AuthType);
        Assert.True(VrrpInstanceEnvironment.NeedsFirewall(vrrp));
    }

    [Fact]
    public void Without_strict_mode_the_same_instance_keeps_its_own_values()
    {
        var vrrp = Load(Strict.Replace("vrrp_strict", ""));
        var s = VrrpStateMachineSettings.FromInstance(vrrp, IPAddress.Parse("10.199.0.1"));

        Assert.Equal(4, s.GarpLowerPrioRepeat);
        Assert.False(s.LowerPrioNoAdvert);
        Assert.True(s.HigherPrioSendAdvert);
        Assert.Equal(TimeSpan.FromSeconds(5), s.PreemptDelay);
        Assert.Equal(VrrpAuthType.Pass, vrrp.AuthType);
        Assert.False(VrrpInstanceEnvironment.NeedsFirewall(vrrp));
    }

    [Fact]
    public void Strict_mode_with_accept_on_VRRPv3_keeps_accept_mode()
    {
        var vrrp = Load(Strict.Replace("state BACKUP", "state BACKUP\n    version 3\n    accept").Replace("""
            authentication {
                auth_type PASS
                auth_pass secret
            }
""", ""));
        Assert.True(vrrp.Accept);
        Assert.False(VrrpInstanceEnvironment.NeedsFirewall(vrrp));
    }
}

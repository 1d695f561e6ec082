using Keepalived.Actors.Vrrp;
using Keepalived.Actors.Watchdog;
using Keepalived.Tests.Config;

namespace Keepalived.Tests.Watchdog;

/// <summary>The watchdog without VRRP to run: nothing to say goodbye for, so it answers at once.</summary>
public sealed class WatchdogActorTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    private const string OneInstance = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            virtual_ipaddress { 10.199.0.100/24 }
        }
        """;

    [Fact]
    public void Checker_only_starts_no_vrrp_and_shuts_down_at_once()
    {
        var config = ConfigText.Load(OneInstance).Config;
        var watchdog = Sys.ActorOf(WatchdogActor.Props(), "watchdog");

        watchdog.Tell(new WatchdogActor.Start(config, RunVrrp: false, RunChecker: true));
        watchdog.Tell(VrrpManagerActor.GetInstances.Instance);
        Assert.Empty(ExpectMsg<List<VrrpInstanceActor.Status>>());

        watchdog.Tell(new WatchdogActor.Shutdown(ReleaseVips: true));
        ExpectMsg<WatchdogActor.Stopped>();
    }
}

using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Tracking;
using Keepalived.Tests.Config;

namespace Keepalived.Tests.Vrrp.SyncGroup;

/// <summary>
/// What a member of a sync group tracks (keepalived's vrrp_complete_instance and
/// sync_group_tracking_init): without sync_group_tracking_weight its own weighted interface
/// tracks lose their weight and weighted scripts are dropped; the group's tracks apply to every
/// member, with their weights.
/// </summary>
public class SyncGroupTrackingTests
{
    private static string Conf(bool trackingWeight) => $$"""
        global_defs {
            script_user root
        }
        vrrp_script chk {
            script "/usr/bin/true"
            weight 10
        }
        vrrp_sync_group SG1 {
            group {
                VI_1
                VI_2
            }
            track_interface {
                eth2 weight -20
            }
            {{(trackingWeight ? "sync_group_tracking_weight" : "")}}
        }
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            track_interface {
                eth1 weight 5
            }
            track_script {
                chk
            }
            virtual_ipaddress { 10.199.0.100/24 }
        }
        vrrp_instance VI_2 {
            interface eth0
            virtual_router_id 52
            virtual_ipaddress { 10.199.0.101/24 }
        }
        """;

    private static (KeepalivedVrrp Config, List<string> Messages) Load(bool trackingWeight)
    {
        var loaded = ConfigText.Load(Conf(trackingWeight), new FakeHost("eth0", "eth1", "eth2"));
        return (new KeepalivedVrrp(loaded.Config.Vrrp), [.. loaded.Diagnostics.All.Select(d => d.Message)]);
    }

    private sealed record KeepalivedVrrp(VrrpConfig Vrrp)
    {
        public IReadOnlyList<TrackedItem> TracksOf(string instance) =>
            InstanceTracking.For(Vrrp, Vrrp.FindInstance(instance)!).Tracks;
    }

    [Fact]
    public void Without_sync_group_tracking_weight_a_members_weights_are_dropped_or_zeroed()
    {
        var (config, messages) = Load(trackingWeight: false);

        Assert.Contains("(VI_1) ignoring eth1 tracked interface weight due to SYNC group", messages);
        Assert.Contains("(VI_1) ignoring tracked script chk with weights due to SYNC group", messages);
        var tracks = config.TracksOf("VI_1");
        Assert.Equal(0, tracks.Single(t => t.Kind == TrackKind.Interface && t.Name == "eth1").Weight);
        Assert.DoesNotContain(tracks, t => t.Kind == TrackKind.Script);
        // the group's own track applies to every member, weighted
        Assert.Equal(-20, tracks.Single(t => t.Name == "eth2").Weight);
        Assert.Equal(-20, config.TracksOf("VI_2").Single(t => t.Name == "eth2").Weight);
    }

    [Fact]
    public void With_sync_group_tracking_weight_a_members_weights_stay()
    {
        var (config, messages) = Load(trackingWeight: true);

        Assert.DoesNotContain(messages, m => m.Contains("SYNC group", StringComparison.Ordinal));
        var tracks = config.TracksOf("VI_1");
        Assert.Equal(5, tracks.Single(t => t.Kind == TrackKind.Interface && t.Name == "eth1").Weight);
        Assert.Equal(10, tracks.Single(t => t.Kind == TrackKind.Script).Weight);
    }
}

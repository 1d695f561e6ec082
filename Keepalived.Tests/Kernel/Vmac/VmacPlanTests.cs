using System.Net.NetworkInformation;
using System.Net.Sockets;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vmac;

namespace Keepalived.Tests.Kernel.Vmac;

public class VmacPlanTests
{
    private const int BaseIndex = 3;

    private static readonly NetlinkLink Base = Link(BaseIndex, "eth0", "525400000001");

    private static NetlinkLink Link(int index, string name, string mac, string? kind = null, int parent = 0, MacvlanMode? mode = null) =>
        new(index, name, InterfaceFlags.Up, OperState.Up, PhysicalAddress.Parse(mac), 1500) { Kind = kind, LinkIndex = parent, MacvlanMode = mode };

    private static VmacRequest Request(string? name = null) => new()
    {
        Instance = "VI_1", VirtualRouterId = 51, Family = AddressFamily.InterNetwork, BaseInterface = "eth0", Name = name,
    };

    private static VmacPlan Decide(VmacRequest request, params NetlinkLink[] others) =>
        VmacPlan.Decide(request, [Base, .. others], BaseIndex, _ => false);

    [Fact]
    public void Nothing_there_creates_vrrp_dot_vrid()
    {
        var plan = Decide(Request());

        Assert.Equal((VmacAction.Create, "vrrp.51"), (plan.Action, plan.Name));
    }

    [Fact]
    public void A_private_macvlan_on_the_base_with_the_virtual_mac_is_reused_whatever_its_name()
    {
        var leftover = Link(8, "old.51", "00005E000133", "macvlan", BaseIndex, MacvlanMode.Private);

        var plan = Decide(Request("vrrp.51"), leftover);

        Assert.Equal((VmacAction.Reuse, "old.51", 8), (plan.Action, plan.Name, plan.ExistingIndex));
        Assert.Contains(plan.Notes, n => n.Contains("vmac name mismatch vrrp.51 <=> old.51", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bridge_mode_macvlan_with_the_mac_is_not_reused()
    {
        var bridge = Link(8, "vrrp.51", "00005E000133", "macvlan", BaseIndex, MacvlanMode.Bridge);

        var plan = Decide(Request(), bridge);

        // the default name is taken by it, so another one is made
        Assert.Equal((VmacAction.Create, "vrrp1.51"), (plan.Action, plan.Name));
    }

    [Fact]
    public void The_named_macvlan_with_the_wrong_mac_on_the_base_is_updated()
    {
        var wrong = Link(8, "vmac51", "00005E000134", "macvlan", BaseIndex, MacvlanMode.Private);

        var plan = Decide(Request("vmac51"), wrong);

        Assert.Equal((VmacAction.Update, "vmac51", 8), (plan.Action, plan.Name, plan.ExistingIndex));
    }

    [Fact]
    public void The_named_macvlan_on_another_interface_is_replaced()
    {
        var elsewhere = Link(8, "vmac51", "00005E000133", "macvlan", parent: 5, mode: MacvlanMode.Private);

        var plan = Decide(Request("vmac51"), elsewhere);

        Assert.Equal((VmacAction.Replace, "vmac51", 8), (plan.Action, plan.Name, plan.ExistingIndex));
    }

    [Fact]
    public void A_name_held_by_a_non_macvlan_is_ignored_for_the_default()
    {
        var plan = Decide(Request("eth0"));

        Assert.Equal((VmacAction.Create, "vrrp.51"), (plan.Action, plan.Name));
        Assert.Contains(plan.Notes, n => n.Contains("already exists as a non VMAC interface", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_another_instance_claimed_is_skipped()
    {
        var plan = VmacPlan.Decide(Request(), [Base], BaseIndex, n => n == "vrrp.51");

        Assert.Equal("vrrp1.51", plan.Name);
    }
}

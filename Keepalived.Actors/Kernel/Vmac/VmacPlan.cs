using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Actors.Kernel.Vmac;

/// <summary>What to do to get a VMAC, given the interfaces there are now.</summary>
public enum VmacAction
{
    /// <summary>A private macvlan with the right MAC on the base is there (left by an earlier run): use it as it is.</summary>
    Reuse,
    /// <summary>Create a new macvlan under <see cref="VmacPlan.Name"/>.</summary>
    Create,
    /// <summary>The named macvlan is on the base but has the wrong MAC or mode: update it in place.</summary>
    Update,
    /// <summary>The named macvlan sits on another interface: delete it, then create.</summary>
    Replace,
}

/// <summary>
/// The decision keepalived 2.2.7 takes in vrrp_complete_instance and netlink_link_add_vmac,
/// made pure: which interface is the VMAC and how to get it. <see cref="Notes"/> are the
/// log lines keepalived writes on the way.
/// </summary>
public sealed record VmacPlan(VmacAction Action, string Name, int ExistingIndex, IReadOnlyList<string> Notes)
{
    public static VmacPlan Decide(VmacRequest request, IReadOnlyList<NetlinkLink> links, int baseIndex, Func<string, bool> nameClaimed)
    {
        var notes = new List<string>();
        var mac = request.EffectiveMac;
        // any private macvlan on the base with our MAC is ours, whatever its name
        if (links.FirstOrDefault(l => IsPrivateMacvlan(l) && l.LinkIndex == baseIndex && l.Mac.GetAddressBytes().AsSpan().SequenceEqual(mac)) is { } found)
        {
            notes.Add($"({request.Instance}) Found matching interface {found.Name}");
            if (request.Name is { } wanted && wanted != found.Name)
                notes.Add($"({request.Instance}) vmac name mismatch {wanted} <=> {found.Name}. changing to {found.Name}.");
            return new VmacPlan(VmacAction.Reuse, found.Name, found.Index, notes);
        }

        var name = request.Name;
        if (name is not null && links.FirstOrDefault(l => l.Name == name) is { } existing)
        {
            if (existing.Kind == "macvlan")
            {
                notes.Add($"({request.Instance}) VMAC {name} already exists but is incompatible. It will be deleted/updated");
                return existing.LinkIndex == baseIndex
                    ? new VmacPlan(VmacAction.Update, name, existing.Index, notes)
                    : new VmacPlan(VmacAction.Replace, name, existing.Index, notes);
            }
            notes.Add($"({request.Instance}) VMAC interface name {name} already exists as a non VMAC interface. ignoring configured name");
            name = null;
        }
        name ??= VirtualMac.DefaultName(request.Prefix, request.VirtualRouterId, request.Family,
            n => nameClaimed(n) || links.Any(l => l.Name == n));
        return new VmacPlan(VmacAction.Create, name, 0, notes);
    }

    private static bool IsPrivateMacvlan(NetlinkLink link) => link.Kind == "macvlan" && link.MacvlanMode == MacvlanMode.Private;
}

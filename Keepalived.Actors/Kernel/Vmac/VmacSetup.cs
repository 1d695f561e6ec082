using System.Net.Sockets;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Actors.Kernel.Vmac;

/// <summary>A VMAC this process set up (or took over from an earlier run) and deletes when the instance stops.</summary>
public sealed record VmacInterface(string Name, int Index, string BaseInterface, int BaseIndex, AddressFamily Family, bool Reused);

/// <summary>
/// Sets VMACs up and takes them down on the request socket, in keepalived 2.2.7's order
/// (vrrp_vmac.c netlink_link_add_vmac / netlink_link_del_vmac, vrrp_if_config.c): create or
/// update the macvlan; for IPv4 the sysctls (VMAC: arp_ignore 1, accept_local 1, rp_filter 0,
/// promote_secondaries 1; base: arp_ignore 1 and arp_filter 1, put back when its last VMAC
/// goes; all.rp_filter cleared); IPv6 off on an IPv4 VMAC; no kernel link-local address; up;
/// for IPv6 the advert source address. Runs inside the netlink actor's turn.
/// </summary>
public sealed class VmacSetup(RtNetlink netlink)
{
    private static readonly (Ipv4DevConf, uint)[] VmacConf =
        [(Ipv4DevConf.ArpIgnore, 1), (Ipv4DevConf.AcceptLocal, 1), (Ipv4DevConf.RpFilter, 0), (Ipv4DevConf.PromoteSecondaries, 1)];

    private readonly Dictionary<string, VmacInterface> _vmacs = new(StringComparer.Ordinal);
    // base interface -> (VMACs relying on its ARP settings, its arp_ignore and arp_filter before)
    private readonly Dictionary<string, (int Users, int ArpIgnore, int ArpFilter)> _bases = new(StringComparer.Ordinal);
    private readonly RpFilterOverride _rpFilter = new();

    /// <summary>Makes the VMAC of <paramref name="request"/> ready; throws <see cref="ErrnoException"/> when the kernel refuses.</summary>
    public VmacInterface Add(VmacRequest request, List<string> log)
    {
        var links = Wait(netlink.DumpLinksAsync());
        var baseLink = links.Find(l => l.Name == request.BaseInterface)
            ?? throw new ErrnoException($"VMAC base interface {request.BaseInterface}", Errno.ENODEV);
        var plan = VmacPlan.Decide(request, links, baseLink.Index, _vmacs.ContainsKey);
        log.AddRange(plan.Notes);
        var mac = request.EffectiveMac;
        switch (plan.Action)
        {
            case VmacAction.Reuse:
                // keepalived leaves a VMAC it finds as it is; it is up unless someone set it down
                var reused = Remember(new VmacInterface(plan.Name, plan.ExistingIndex, baseLink.Name, baseLink.Index, request.Family, true));
                Wait(netlink.SetLinkUpAsync(reused.Index));
                return reused;
            case VmacAction.Replace:
                log.Add($"({request.Instance}) Removing old VMAC interface {plan.Name} due to conflicting interface");
                Wait(netlink.DeleteLinkAsync(plan.ExistingIndex));
                Wait(netlink.CreateMacvlanAsync(plan.Name, baseLink.Index, mac));
                break;
            case VmacAction.Update:
                log.Add($"({request.Instance}) Update old VMAC interface {plan.Name} due to wrong MAC/mode");
                Expect(Wait(netlink.UpdateMacvlanAsync(plan.ExistingIndex, mac)), $"update VMAC {plan.Name}");
                break;
            default:
                Wait(netlink.CreateMacvlanAsync(plan.Name, baseLink.Index, mac));
                break;
        }
        var created = Wait(netlink.DumpLinksAsync()).Find(l => l.Name == plan.Name)
            ?? throw new ErrnoException($"VMAC {plan.Name} not there after creating it", Errno.ENODEV);
        var vmac = Remember(new VmacInterface(plan.Name, created.Index, baseLink.Name, baseLink.Index, request.Family, false));
        log.Add($"({request.Instance}) Success {(plan.Action == VmacAction.Update ? "upd" : "cre")}ating VMAC interface {plan.Name}");
        Configure(request, vmac, links.Select(l => l.Name), log);
        return vmac;
    }

    /// <summary>Deletes a VMAC set up by <see cref="Add"/> and puts back what it changed on its base.</summary>
    public void Delete(string name, List<string> log)
    {
        if (!_vmacs.Remove(name, out var vmac)) return;
        if (vmac.Family == AddressFamily.InterNetwork) ResetBase(vmac, log);
        var result = Wait(netlink.DeleteLinkAsync(vmac.Index));
        log.Add(result == RtNetlinkResult.NotFound ? $"VMAC interface {name} had gone already" : $"Success removing VMAC interface {name}");
        if (_vmacs.Count == 0) _rpFilter.Restore(log);
    }

    private VmacInterface Remember(VmacInterface vmac) => _vmacs[vmac.Name] = vmac;

    private void Configure(VmacRequest request, VmacInterface vmac, IEnumerable<string> interfaces, List<string> log)
    {
        if (request.Family == AddressFamily.InterNetwork)
        {
            _rpFilter.Clear(interfaces, log);
            Wait(netlink.SetIpv4ConfAsync(vmac.Index, VmacConf));
            SetBase(vmac, log);
        }
        // IPv6 only runs on an IPv4 VMAC when the instance has IPv6 addresses to put there
        var ipv6 = request.Family == AddressFamily.InterNetworkV6 || request.OtherFamilyAddresses;
        if (!InterfaceSysctl.WriteIpv6(vmac.Name, "disable_ipv6", ipv6 ? 0 : 1))
            log.Add($"Unable to set disable_ipv6 on {vmac.Name}");
        // before the link goes up: the kernel would otherwise add an EUI-64 address from the virtual MAC
        if (ipv6) Wait(netlink.SetAddrGenModeNoneAsync(vmac.Index));
        Expect(Wait(netlink.SetLinkUpAsync(vmac.Index)), $"set {vmac.Name} up");
        if (request.LinkLocal is { } linkLocal)
        {
            var address = new VirtualIpAddress { Address = linkLocal, PrefixLength = 64 };
            Wait(netlink.AddAddressAsync(address, vmac.Index));
        }
    }

    /// <summary>arp_ignore 1 and arp_filter 1 on the base, so it does not answer ARP for the VMAC's addresses.</summary>
    private void SetBase(VmacInterface vmac, List<string> log)
    {
        if (_bases.TryGetValue(vmac.BaseInterface, out var known))
        {
            _bases[vmac.BaseInterface] = known with { Users = known.Users + 1 };
            return;
        }
        var arpIgnore = InterfaceSysctl.ReadIpv4(vmac.BaseInterface, "arp_ignore") ?? 0;
        var arpFilter = InterfaceSysctl.ReadIpv4(vmac.BaseInterface, "arp_filter") ?? 0;
        if (arpIgnore == 1 && arpFilter == 1) return;
        try
        {
            Wait(netlink.SetIpv4ConfAsync(vmac.BaseIndex, [(Ipv4DevConf.ArpIgnore, 1), (Ipv4DevConf.ArpFilter, 1)]));
            _bases[vmac.BaseInterface] = (1, arpIgnore, arpFilter);
        }
        catch (ErrnoException ex)
        {
            log.Add($"Set base flags on {vmac.BaseInterface} failed for VMAC {vmac.Name}: {ex.Message}");
        }
    }

    private void ResetBase(VmacInterface vmac, List<string> log)
    {
        if (!_bases.TryGetValue(vmac.BaseInterface, out var known)) return;
        if (known.Users > 1)
        {
            _bases[vmac.BaseInterface] = known with { Users = known.Users - 1 };
            return;
        }
        _bases.Remove(vmac.BaseInterface);
        try
        {
            Wait(netlink.SetIpv4ConfAsync(vmac.BaseIndex, [(Ipv4DevConf.ArpIgnore, (uint)known.ArpIgnore), (Ipv4DevConf.ArpFilter, (uint)known.ArpFilter)]));
        }
        catch (ErrnoException ex)
        {
            log.Add($"reset interface flags on {vmac.BaseInterface} failed: {ex.Message}");
        }
    }

    private static void Expect(RtNetlinkResult result, string what)
    {
        if (result == RtNetlinkResult.NotFound) throw new ErrnoException(what, Errno.ENODEV);
    }

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();
}

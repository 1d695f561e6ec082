using System.Net.Sockets;
using Keepalived.Actors.Config.Global;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// Which virtual addresses go on an instance's VMAC (keepalived 2.2.7 vrrp_complete_instance):
/// those of the instance's family with no dev or with dev the instance's own interface. The
/// others stay where they are configured.
/// </summary>
public static class VmacPlacement
{
    public static IReadOnlyList<VirtualIpAddress> Place(IReadOnlyList<VirtualIpAddress> addresses, string baseInterface,
        string? vmac, AddressFamily family)
    {
        if (vmac is null) return addresses;
        return [.. addresses.Select(a => OnVmac(a, baseInterface, family) ? a.OnDevice(vmac) : a)];
    }

    /// <summary>An address of the other family on the instance's interface keeps IPv6 (or IPv4) running on the VMAC.</summary>
    public static bool HasOtherFamily(IEnumerable<VirtualIpAddress> addresses, AddressFamily family) =>
        addresses.Any(a => a.Address.AddressFamily != family);

    private static bool OnVmac(VirtualIpAddress address, string baseInterface, AddressFamily family) =>
        (address.Device is null || address.Device == baseInterface) && address.Address.AddressFamily == family;
}

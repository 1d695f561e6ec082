using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Kernel.Vmac;

/// <summary>
/// What one vrrp_instance with use_vmac asks for: a private macvlan on <see cref="BaseInterface"/>
/// named <see cref="Name"/> (null: keepalived's default <c>PREFIX.VRID</c>) with <see cref="Mac"/>
/// (null: the RFC 5798 virtual MAC of the VRID and family).
/// </summary>
public sealed record VmacRequest
{
    public required string Instance { get; init; }
    public required int VirtualRouterId { get; init; }
    public required AddressFamily Family { get; init; }
    public required string BaseInterface { get; init; }

    /// <summary>use_vmac NAME; null for the default name.</summary>
    public string? Name { get; init; }

    /// <summary>A MAC given to use_vmac; null for 00:00:5e:00:0{1,2}:VRID.</summary>
    public byte[]? Mac { get; init; }

    /// <summary>vmac_prefix of global_defs; null for "vrrp".</summary>
    public string? Prefix { get; init; }

    /// <summary>
    /// The IPv6 address adverts leave from, added to the VMAC (keepalived's set_link_local_address);
    /// null for IPv4 and with vmac_xmit_base, where adverts leave from the base interface.
    /// </summary>
    public IPAddress? LinkLocal { get; init; }

    /// <summary>The instance has virtual addresses of the other family: IPv6 stays enabled on an IPv4 VMAC.</summary>
    public bool OtherFamilyAddresses { get; init; }

    public byte[] EffectiveMac => Mac ?? VirtualMac.For(VirtualRouterId, Family);
}

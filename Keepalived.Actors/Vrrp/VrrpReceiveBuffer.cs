using System.Globalization;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// An instance's share of the receive buffer (SO_RCVBUF) of the read socket it uses; the socket
/// sums the shares of its instances, as keepalived 2.2.7 does (vrrp_scheduler.c,
/// vrrp_create_sockpool). The share is the instance's kernel_rx_buf_size if set, else what
/// global_defs' vrrp_rx_bufs_policy says: a fixed size, vrrp_rx_bufs_multiplier × the advert's
/// length with its IP header (ADVERT), or × the interface's MTU (MTU). A socket whose shares are
/// all 0 keeps the kernel's default (net.core.rmem_default), keepalived's default too.
/// </summary>
public static class VrrpReceiveBuffer
{
    /// <param name="advertLength">The advert as it arrives: IPv4 header (and AH) included.</param>
    /// <param name="mtu">The interface's MTU; 0 when not known (the MTU policy then adds nothing).</param>
    public static int Share(VrrpInstance vrrp, GlobalConfig global, int advertLength, int mtu)
    {
        ulong bytes = vrrp.KernelRxBufSize != 0 ? vrrp.KernelRxBufSize : global.VrrpRxBufsPolicy switch
        {
            null => 0,
            "ADVERT" => (ulong)global.VrrpRxBufsMultiplier * (ulong)advertLength,
            "MTU" => (ulong)global.VrrpRxBufsMultiplier * (ulong)mtu,
            var size => ulong.Parse(size, CultureInfo.InvariantCulture),
        };
        return (int)Math.Min(bytes, int.MaxValue);
    }
}

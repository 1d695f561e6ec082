namespace Keepalived.Actors.Kernel.Libc;

/// <summary>
/// Netlink's protocols, options and address size (linux/netlink.h): ours, Tmds.LibC has nothing
/// of netlink. The socket calls netlink sockets make are in LibcCalls.Socket.cs.
/// </summary>
internal static partial class LibcCalls
{
    // netlink protocols and SOL_NETLINK options (linux/netlink.h)
    public const int NETLINK_ROUTE = 0;
    public const int NETLINK_NETFILTER = 12;
    public const int NETLINK_ADD_MEMBERSHIP = 1;
    public const int NETLINK_DROP_MEMBERSHIP = 2;
    public const int NETLINK_CAP_ACK = 10;
    public const int NETLINK_EXT_ACK = 11;

    /// <summary>sizeof(struct sockaddr_nl).</summary>
    public const int SockAddrNlSize = 12;
}

using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

internal static partial class Libc
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

    [LibraryImport(LibraryName, EntryPoint = "getsockname", SetLastError = true)]
    public static unsafe partial int GetSockName(SafeHandle fd, byte* address, ref int addressLength);
}

using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>
/// IPv4/IPv6 socket options (linux/in.h, linux/in6.h). Their structs are Tmds.LibC's
/// (ip_mreqn, ipv6_mreq, in_pktinfo, in6_pktinfo); the classic BPF program (linux/filter.h)
/// is ours, Tmds.LibC has no sock_filter.
/// </summary>
internal static partial class LibcCalls
{
    public const int IPPROTO_ICMPV6 = 58;
    public const int IPPROTO_VRRP = 112;

    // IPPROTO_IP options
    public const int IP_TOS = 1;
    public const int IP_HDRINCL = 3;
    public const int IP_PKTINFO = 8;
    public const int IP_MULTICAST_IF = 32;
    public const int IP_MULTICAST_LOOP = 34;
    public const int IP_ADD_MEMBERSHIP = 35;
    public const int IP_MULTICAST_ALL = 49;

    // IPPROTO_IPV6 options
    public const int IPV6_CHECKSUM = 7;
    public const int IPV6_UNICAST_HOPS = 16;
    public const int IPV6_MULTICAST_IF = 17;
    public const int IPV6_MULTICAST_HOPS = 18;
    public const int IPV6_MULTICAST_LOOP = 19;
    public const int IPV6_ADD_MEMBERSHIP = 20;
    public const int IPV6_MULTICAST_ALL = 29;
    public const int IPV6_RECVPKTINFO = 49;
    public const int IPV6_PKTINFO = 50;
    public const int IPV6_RECVHOPLIMIT = 51;
    public const int IPV6_HOPLIMIT = 52;
    public const int IPV6_TCLASS = 67;

    // SOL_SOCKET
    public const int SO_ATTACH_FILTER = 26;

    public const int SizeOfSockAddrIn = 16;
    public const int SizeOfSockAddrIn6 = 28;

    /// <summary>struct sock_filter (one classic BPF instruction).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockFilter
    {
        public ushort Code;
        public byte JumpTrue;
        public byte JumpFalse;
        public uint K;
    }

    /// <summary>struct sock_fprog.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct SockFprog
    {
        public ushort Length;
        public SockFilter* Filter;
    }
}

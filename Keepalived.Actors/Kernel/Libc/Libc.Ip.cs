using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>IPv4/IPv6 socket options, sendmsg and the option structs (linux/in.h, linux/in6.h).</summary>
internal static partial class Libc
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

    public const int MSG_DONTROUTE = 0x4;
    public const int MSG_CTRUNC = 0x8;

    public const int SizeOfSockAddrIn = 16;
    public const int SizeOfSockAddrIn6 = 28;
    public const int SizeOfInPktInfo = 12;
    public const int SizeOfIn6PktInfo = 20;

    [LibraryImport(LibraryName, EntryPoint = "sendmsg", SetLastError = true)]
    public static unsafe partial nint SendMsg(SafeHandle fd, MsgHdr* message, int flags);

    /// <summary>struct ip_mreqn.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IpMreqn
    {
        public uint MulticastAddress;   // network order
        public uint LocalAddress;       // network order
        public int InterfaceIndex;
    }

    /// <summary>struct ipv6_mreq.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct Ipv6Mreq
    {
        public fixed byte MulticastAddress[16];
        public int InterfaceIndex;
    }

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

    /// <summary>CMSG_ALIGN: control message headers and data are aligned to the size of a long.</summary>
    public static int CMsgAlign(int length) => (length + 7) & ~7;

    /// <summary>CMSG_SPACE: room one control message with <paramref name="dataLength"/> bytes takes.</summary>
    public static unsafe int CMsgSpace(int dataLength) => CMsgAlign(sizeof(CMsgHdr)) + CMsgAlign(dataLength);

    /// <summary>CMSG_LEN: the cmsg_len value for <paramref name="dataLength"/> bytes of data.</summary>
    public static unsafe int CMsgLen(int dataLength) => CMsgAlign(sizeof(CMsgHdr)) + dataLength;
}

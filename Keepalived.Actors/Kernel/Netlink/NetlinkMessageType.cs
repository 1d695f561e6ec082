namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>nlmsg_type values: NLMSG_* control messages (linux/netlink.h) and RTM_* (linux/rtnetlink.h).</summary>
public enum NetlinkMessageType : ushort
{
    Noop = 1,
    Error = 2,
    Done = 3,
    Overrun = 4,
    NewLink = 16,
    DelLink = 17,
    GetLink = 18,
    NewAddr = 20,
    DelAddr = 21,
    GetAddr = 22,
    NewRoute = 24,
    DelRoute = 25,
    GetRoute = 26,
    NewRule = 32,
    DelRule = 33,
    GetRule = 34,
}

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>IPVS_CMD_* (linux/ip_vs.h): the genlmsghdr cmd of every IPVS message.</summary>
public enum IpvsCommand : byte
{
    Unspecified = 0,
    NewService = 1,
    SetService = 2,
    DelService = 3,
    GetService = 4,
    NewDest = 5,
    SetDest = 6,
    DelDest = 7,
    GetDest = 8,
    NewDaemon = 9,
    DelDaemon = 10,
    GetDaemon = 11,
    SetConfig = 12,
    GetConfig = 13,
    /// <summary>Only the kernel sends it: the reply to <see cref="GetInfo"/>.</summary>
    SetInfo = 14,
    GetInfo = 15,
    Zero = 16,
    Flush = 17,
}

using System.Net;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>IP_VS_STATE_MASTER / IP_VS_STATE_BACKUP: the role of a sync daemon.</summary>
public enum IpvsSyncState : uint
{
    Master = 1,
    Backup = 2,
}

/// <summary>IPVS_DAEMON_ATTR_* (linux/ip_vs.h): the attributes inside an IPVS_CMD_ATTR_DAEMON nest.</summary>
public static class IpvsDaemonAttribute
{
    public const ushort State = 1;
    public const ushort McastIfn = 2;
    public const ushort SyncId = 3;
    public const ushort SyncMaxLen = 4;
    public const ushort McastGroup = 5;
    public const ushort McastGroup6 = 6;
    public const ushort McastPort = 7;
    public const ushort McastTtl = 8;
}

/// <summary>
/// lvs_sync_daemon: one sync daemon. The last four fields are sent only when set (non-zero /
/// non-null), as libipvs does; the kernel then keeps its defaults.
/// </summary>
public readonly record struct IpvsSyncDaemon(
    IpvsSyncState State,
    string Interface,
    uint SyncId,
    ushort MaxLength = 0,
    IPAddress? Group = null,
    ushort Port = 0,
    byte Ttl = 0);

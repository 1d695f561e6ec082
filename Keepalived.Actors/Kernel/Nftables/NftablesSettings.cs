using Keepalived.Actors.Config.Global;

namespace Keepalived.Actors.Kernel.Nftables;

/// <summary>
/// global_defs' nftables keywords: the table name (keepalived's default "keepalived"), the base
/// chains' priority (default -1, just before iptables' filter chains), counters on the rules,
/// and nftables_ifindex (link-local VIPs always keyed by interface index).
/// </summary>
public sealed record NftablesSettings(string Table = NftablesSettings.DefaultTable, int Priority = -1,
    bool Counters = false, bool ForceInterfaceIndex = false)
{
    public const string DefaultTable = "keepalived";

    public static NftablesSettings From(GlobalConfig global) =>
        new(global.NftablesTable ?? DefaultTable, global.NftablesPriority, global.NftablesCounters, global.NftablesIfindex);
}

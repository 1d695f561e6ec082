using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// Parses one line of virtual_ipaddress(_excluded) / virtual_routes / virtual_rules. keepalived
/// uses the same parsers as for static_ipaddress / static_routes / static_rules (alloc_ipaddress,
/// alloc_route, alloc_rule with static = false); the global section provides those. Each method
/// reports problems like keepalived and returns null when the line is dropped.
/// </summary>
public interface IVirtualAddressParser
{
    VirtualAddress? ParseAddress(SectionContext context, Tokens line);
    VirtualRouteLine? ParseRoute(SectionContext context, Tokens line);
    VirtualRouteLine? ParseRule(SectionContext context, Tokens line);
}

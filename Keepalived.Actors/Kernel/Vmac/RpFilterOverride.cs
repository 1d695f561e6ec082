namespace Keepalived.Actors.Kernel.Vmac;

/// <summary>
/// keepalived's clear_rp_filter / restore_rp_filter. An IPv4 VMAC needs rp_filter 0, but the
/// kernel uses the larger of all.rp_filter and the interface's own: when all.rp_filter is set,
/// default.rp_filter and every interface's are first raised to it (so nothing else changes),
/// then all.rp_filter becomes 0. <see cref="Restore"/> puts back only what still holds the
/// value set here.
/// </summary>
public sealed class RpFilterOverride
{
    private int? _all;
    private int? _default;
    private readonly Dictionary<string, int> _raised = new(StringComparer.Ordinal);

    public bool Active => _all is not null;

    public void Clear(IEnumerable<string> interfaces, List<string> log)
    {
        if (Active) return;
        if (InterfaceSysctl.ReadIpv4("all", "rp_filter") is not { } all)
        {
            log.Add("Unable to read sysctl net.ipv4.conf.all.rp_filter");
            return;
        }
        if (all == 0) return;
        _all = all;
        if (InterfaceSysctl.ReadIpv4("default", "rp_filter") is { } current && current < all)
        {
            log.Add($"NOTICE: setting sysctl net.ipv4.conf.default.rp_filter from {current} to {all}");
            InterfaceSysctl.WriteIpv4("default", "rp_filter", all);
            _default = current;
        }
        foreach (var name in interfaces)
        {
            if (InterfaceSysctl.ReadIpv4(name, "rp_filter") is { } own && own < all && InterfaceSysctl.WriteIpv4(name, "rp_filter", all))
                _raised[name] = own;
        }
        log.Add($"NOTICE: setting sysctl net.ipv4.conf.all.rp_filter from {all} to 0");
        InterfaceSysctl.WriteIpv4("all", "rp_filter", 0);
    }

    public void Restore(List<string> log)
    {
        if (_all is not { } all) return;
        if (InterfaceSysctl.ReadIpv4("all", "rp_filter") == 0)
        {
            log.Add($"NOTICE: resetting sysctl net.ipv4.conf.all.rp_filter to {all}");
            InterfaceSysctl.WriteIpv4("all", "rp_filter", all);
        }
        if (_default is { } original && InterfaceSysctl.ReadIpv4("default", "rp_filter") == all)
        {
            log.Add($"NOTICE: resetting sysctl net.ipv4.conf.default.rp_filter to {original}");
            InterfaceSysctl.WriteIpv4("default", "rp_filter", original);
        }
        foreach (var (name, own) in _raised)
            if (InterfaceSysctl.ReadIpv4(name, "rp_filter") == all)
                InterfaceSysctl.WriteIpv4(name, "rp_filter", own);
        _raised.Clear();
        _all = _default = null;
    }
}

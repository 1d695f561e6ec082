using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Global;

/// <summary>
/// The root keywords of this section: those init_global_keywords installs at the root
/// (net_namespace, instance, ...), and those of init_vrrp_keywords that are not instances,
/// sync groups, scripts or trackers (static_*, track_group, garp_group, linkbeat_interfaces,
/// interface_up_down_delays). bfd_instance is skipped unread.
/// </summary>
internal sealed class TopLevelKeywords(SectionContext context)
{
    private readonly GlobalKeywordHelpers _h = new(context);
    private GlobalConfig G => context.Config.Global;
    private void Error(string m) => _h.Error(m);

    public void Install(KeywordTable root, KeywordTable globalDefs)
    {
        root.Add("linkbeat_use_polling", _h.Flag(() => G.LinkbeatUsePolling = true));
        root.Add("net_namespace", t =>
        {
            if (t.Count < 2) { Error("net_namespace name missing - ignoring"); return; }
            if (G.NetNamespace is null) { G.NetNamespace = t[1]; G.UsePidDir = true; }
            else Error($"Duplicate net_namespace definition {t[1]} - ignoring");
        });
        root.Add("net_namespace_ipvs", t =>
        {
            if (G.NetNamespaceIpvs is not null) { Error($"Duplicate net_namespace_ipvs definition {t[1]} - ignoring"); return; }
            G.NetNamespaceIpvs = t.Count < 2 ? "" : t[1];
        });
        root.Add("namespace_with_ipsets", _h.Flag(() => G.NamespaceWithIpsets = true));
        root.Add("use_pid_dir", _h.Flag(() => G.UsePidDir = true));
        root.Add("instance", t =>
        {
            if (t.Count < 2) { Error("instance name missing - ignoring"); return; }
            if (G.Instance is null) { G.Instance = t[1]; G.UsePidDir = true; }
            else Error($"Duplicate instance definition {t[1]} - ignoring");
        });
        root.Add("child_wait_time", t =>
        {
            if (context.Values.ReadUnsigned(t[1], out var secs, 0, uint.MaxValue)) G.ChildWaitTime = secs;
            else Error($"Invalid child_wait_time {t[1]}");
        });
        root.Block("global_defs", null, globalDefs);

        root.Block("track_group", TrackGroup, sub => sub.Add("group", TrackGroupGroup));
        root.Add("static_ipaddress", t => context.Parser.ReadValueBlock(t, line =>
        {
            if (IpAddressParser.Parse(context, line, isStatic: true) is { } a) G.StaticAddresses.Add(a);
        }));
        root.Add("static_routes", t => context.Parser.ReadValueBlock(t, line =>
        {
            if (IpRouteParser.Parse(context, line, allowTrackGroup: true) is { } r) G.StaticRoutes.Add(r);
        }));
        root.Add("static_rules", t => context.Parser.ReadValueBlock(t, line =>
        {
            if (IpRuleParser.Parse(context, line, allowTrackGroup: true) is { } r) G.StaticRules.Add(r);
        }));
        root.Block("garp_group", _ => G.GarpGroups.Add(new GarpGroup(context.Here())), sub =>
        {
            sub.Add("garp_interval", t => GarpDelay(t, "garp_interval", (g, v) => g.GarpInterval = v));
            sub.Add("gna_interval", t => GarpDelay(t, "gna_interval", (g, v) => g.GnaInterval = v));
            sub.Add("interface", GarpInterface);
            sub.Add("interfaces", GarpInterfaces);
        }, GarpGroupEnd);
        root.Add("linkbeat_interfaces", t => context.Parser.ReadValueBlock(t, LinkbeatInterface));
        root.Add("interface_up_down_delays", t => context.Parser.ReadValueBlock(t, UpDownDelay));
        // bfd_instance belongs to the BFD process, which this implementation does not run
        root.Block("bfd_instance", null, _ => { }, active: false);
    }

    private void TrackGroup(Tokens t)
    {
        if (t.Count != 2)
        {
            Error("track_group must have a name - skipping");
            context.Parser.SkipBlock(true);
            return;
        }
        if (G.TrackGroups.Any(g => g.Name == t[1]))
        {
            Error($"track_group {t[1]} already defined");
            context.Parser.SkipBlock(true);
            return;
        }
        G.TrackGroups.Add(new StaticTrackGroup(t[1], context.Here()));
    }

    private void TrackGroupGroup(Tokens t)
    {
        var group = G.TrackGroups[^1];
        if (group.Instances is not null)
        {
            Error($"Group list already specified for sync group {group.Name}");
            context.Parser.SkipBlock(true);
            return;
        }
        var names = context.Parser.ReadValueBlockWords(t);
        if (names.Count == 0) Error($"Warning - track group {group.Name} has empty group block");
        else group.Instances = [.. names];
    }

    private void GarpDelay(Tokens t, string keyword, Action<GarpGroup, TimeSpan> set)
    {
        if (!context.Values.ReadDecimal(t[1], out var us, 0, int.MaxValue, Parser.ValueReader.TimerHzDigits, ignoreError: true))
        {
            Error($"garp_group {keyword} '{t[1]}' invalid");
            return;
        }
        var value = TimeSpan.FromTicks((long)us * 10);
        set(G.GarpGroups[^1], value);
        if (value >= TimeSpan.FromSeconds(1)) context.Parser.Log($"The {keyword} is very large - {t[1]} seconds");
    }

    private bool GarpAssigned(string name) => G.GarpGroups.Any(g => g.Interfaces.Contains(name));

    private void GarpInterface(Tokens t)
    {
        var name = t[1];
        if (!InterfaceLookup.GetDynamic(context, name))
        {
            Error($"WARNING - interface {name} specified for garp_group doesn't exist");
            return;
        }
        if (GarpAssigned(name)) { Error($"garp_group already specified for {name} - ignoring"); return; }
        G.GarpGroups[^1].Interfaces.Add(name);
    }

    private void GarpInterfaces(Tokens t)
    {
        var group = G.GarpGroups[^1];
        var names = context.Parser.ReadValueBlockWords(t);
        if (names.Count == 0) { Error("Warning - empty garp_group interfaces block"); return; }
        group.AggregationGroup = 1 + G.GarpGroups.Count(g => g.AggregationGroup != 0 && g != group);
        foreach (var name in names)
        {
            if (!InterfaceLookup.GetDynamic(context, name))
            {
                var message = $"WARNING - interface {name} specified for garp_group doesn't exist";
                if (G.DynamicInterfaces) context.Parser.Log(message); else Error(message);
                continue;
            }
            // keepalived names the second word of the block here, whatever the interface
            if (GarpAssigned(name)) { Error($"garp_group already specified for {(names.Count > 1 ? names[1] : "(null)")} - ignoring"); continue; }
            group.Interfaces.Add(name);
        }
    }

    private void GarpGroupEnd()
    {
        var group = G.GarpGroups[^1];
        if (group.GarpInterval is not null || group.GnaInterval is not null) return;
        Error($"garp group {group.AggregationGroup} does not have any delay set - removing");
        G.GarpGroups.RemoveAt(G.GarpGroups.Count - 1);
    }

    private void LinkbeatInterface(Tokens t)
    {
        if (!InterfaceLookup.GetIfDynamicFlag(context, t[0]))
        {
            context.Report(ConfigErrorKind.Fatal, $"unknown interface {t[0]} specified for linkbeat interface");
            return;
        }
        string? type = null;
        if (t.Count > 1)
        {
            type = t[1] is "MII" or "ETHTOOL" or "IOCTL" ? t[1] : null;
            if (type is null || t.Count > 2) Error($"extra characters {t[1]} in linkbeat interface");
        }
        G.LinkbeatInterfaces.Add(new LinkbeatInterface(t[0], type));
    }

    private void UpDownDelay(Tokens t)
    {
        var name = t[0];
        if (!InterfaceLookup.GetIfDynamicFlag(context, name))
        {
            context.Report(ConfigErrorKind.Fatal, $"unknown interface {name} specified for up/down delay");
            return;
        }
        if (t.Count < 2) { context.Parser.Log($"No timeouts specified for {name} up/down delays"); return; }
        if (t.Count > 3) context.Parser.Log($"Too many parameters for {name} up/down delays");
        if (!context.Values.ReadTimer(t[1], out var down, 0, 255UL * 1000000, ignoreError: true))
        {
            context.Parser.Log($"Invalid down delay {t[1]} for {name}");
            return;
        }
        ulong up = 0;
        if (t.Count > 2 && !context.Values.ReadTimer(t[2], out up, 0, 255UL * 1000000, ignoreError: true))
        {
            context.Parser.Log($"Invalid up delay {t[2]} for {name}");
            return;
        }
        G.InterfaceUpDownDelays.Add(new InterfaceUpDownDelay(name, TimeSpan.FromTicks((long)up * 10), TimeSpan.FromTicks((long)down * 10)));
    }
}

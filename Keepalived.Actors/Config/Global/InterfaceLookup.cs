namespace Keepalived.Actors.Config.Global;

/// <summary>
/// keepalived's if_get_by_ifname as the parsers use it. A lookup "if dynamic" of a missing
/// interface succeeds when global_defs has dynamic_interfaces, and otherwise records that a
/// non-existent interface was named (reported once after parsing, see
/// <see cref="GlobalSection.Validate"/>).
/// </summary>
public static class InterfaceLookup
{
    /// <summary>if_get_by_ifname(name, IF_CREATE_IF_DYNAMIC): false when the interface is unusable.</summary>
    public static bool GetDynamic(SectionContext context, string name)
    {
        if (context.Host.InterfaceExists(name) || context.Config.Global.DynamicInterfaces) return true;
        context.Config.Global.NonExistentInterfaceSpecified = true;
        return false;
    }

    /// <summary>if_get_by_ifname(name, IF_NO_CREATE).</summary>
    public static bool GetExisting(SectionContext context, string name) => context.Host.InterfaceExists(name);

    /// <summary>if_get_by_ifname(name, global_data->dynamic_interfaces) — a bool used as the lookup mode.</summary>
    public static bool GetIfDynamicFlag(SectionContext context, string name) =>
        context.Config.Global.DynamicInterfaces ? GetDynamic(context, name) : GetExisting(context, name);
}

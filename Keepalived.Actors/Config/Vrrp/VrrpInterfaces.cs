namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// keepalived's interface lookup for configuration (if_get_by_ifname with IF_CREATE_IF_DYNAMIC):
/// a name the host does not have is accepted only with global_defs dynamic_interfaces;
/// otherwise it is remembered, and after parsing keepalived stops with "Non-existent interface
/// specified in configuration".
/// </summary>
public sealed class VrrpInterfaces(SectionContext context)
{
    /// <summary>An interface named in the configuration does not exist (keepalived's non_existent_interface_specified).</summary>
    public bool NonExistentSpecified => context.Config.Global.NonExistentInterfaceSpecified;

    /// <summary>True when the interface can be used: it exists, or dynamic_interfaces lets it be created.</summary>
    public bool Get(string name)
    {
        if (context.Host.InterfaceExists(name)) return true;
        if (!Global.InterfaceLookup.GetDynamic(context, name)) return false;
        context.Parser.Log($"Configuration specifies interface {name} which doesn't currently exist - will use if created");
        return true;
    }

    /// <summary>Whether the interface is the loopback (keepalived refuses it for VRRP).</summary>
    public static bool IsLoopback(string name) => name == "lo";
}

using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// Generic netlink framing (linux/genetlink.h): after the nlmsghdr comes a genlmsghdr
/// {cmd u8, version u8, reserved u16}, then attributes. A genl family's nlmsg_type is given out
/// by the kernel at registration, so it is asked of nlctrl (CTRL_CMD_GETFAMILY) once per socket.
/// </summary>
public static class GenericNetlink
{
    /// <summary>NETLINK_GENERIC: the socket protocol.</summary>
    public const int Protocol = 16;

    /// <summary>GENL_HDRLEN: sizeof(struct genlmsghdr).</summary>
    public const int HeaderSize = 4;

    /// <summary>GENL_ID_CTRL: nlctrl has the one fixed family id.</summary>
    public const ushort ControllerFamily = 0x10;

    /// <summary>CTRL_CMD_GETFAMILY, and the version nlctrl's requests carry.</summary>
    public const byte ControllerGetFamily = 3;
    public const byte ControllerVersion = 1;

    /// <summary>CTRL_ATTR_FAMILY_ID (u16) and CTRL_ATTR_FAMILY_NAME (string).</summary>
    public const ushort ControllerAttributeFamilyId = 1;
    public const ushort ControllerAttributeFamilyName = 2;

    /// <summary>Starts a genl message: the nlmsghdr for <paramref name="family"/>, then the genlmsghdr.</summary>
    public static void BeginMessage(ref NetlinkWriter writer, ushort family, byte command, byte version, ushort flags, uint sequence)
    {
        writer.BeginMessage((NetlinkMessageType)family, flags, sequence);
        var header = writer.Reserve(HeaderSize);
        header[0] = command;
        header[1] = version;
    }

    /// <summary>CTRL_CMD_GETFAMILY for <paramref name="name"/> ("IPVS"): the reply carries its id.</summary>
    public static int WriteGetFamily(ref NetlinkWriter writer, string name, uint sequence)
    {
        BeginMessage(ref writer, ControllerFamily, ControllerGetFamily, ControllerVersion, NetlinkFlags.Request, sequence);
        writer.AttributeString(ControllerAttributeFamilyName, name);
        return writer.EndMessage();
    }

    /// <summary>The genlmsghdr of a message; false when the payload is shorter than one.</summary>
    public static bool TryReadHeader(in NetlinkMessage message, out byte command, out byte version)
    {
        command = version = 0;
        if (message.Payload.Length < HeaderSize)
            return false;
        command = message.Payload[0];
        version = message.Payload[1];
        return true;
    }

    /// <summary>The attributes after the genlmsghdr.</summary>
    public static AttributeReader Attributes(in NetlinkMessage message) => message.Attributes(HeaderSize);

    /// <summary>
    /// CTRL_ATTR_FAMILY_ID from nlctrl's reply to <see cref="WriteGetFamily"/>. False for any other
    /// message (an NLMSG_ERROR with ENOENT means the family is not registered: ip_vs not loaded).
    /// </summary>
    public static bool TryReadFamilyId(in NetlinkMessage message, out ushort family)
    {
        family = 0;
        if ((ushort)message.Type != ControllerFamily || !TryReadHeader(message, out _, out _))
            return false;
        var attributes = Attributes(message);
        while (attributes.TryRead(out var a))
            if (a.Type == ControllerAttributeFamilyId && a.Value.Length >= 2)
            {
                family = HostOrder.ReadU16(a.Value);
                return family != 0;
            }
        return false;
    }
}

using System.Buffers.Binary;
using Keepalived.Actors.Config.Global;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>RTM_NEWRULE / RTM_DELRULE for a static or virtual rule, as keepalived 2.2.7's netlink_rule builds them (vrrp_iprule.c).</summary>
public static class RuleMessage
{
    private const byte TableMain = 254;

    public static void Write(ref NetlinkWriter writer, IpRule rule, bool add, uint sequence)
    {
        var flags = (ushort)(NetlinkFlags.Request | NetlinkFlags.Ack);
        if (add) flags |= NetlinkFlags.Create | NetlinkFlags.Excl;
        writer.BeginMessage(add ? NetlinkMessageType.NewRule : NetlinkMessageType.DelRule, flags, sequence);

        var action = Action(rule.Action);
        var l3mdev = rule.Action == "l3mdev";
        byte table = 0;
        var largeTable = false;
        if (action == FibRuleAction.ToTable && !l3mdev)
        {
            var id = rule.Table ?? 0;
            largeTable = id >= 256;
            table = largeTable ? (byte)0 : id == 0 ? TableMain : (byte)id;
        }
        writer.Write(new FibRuleHdr(AddressMessage.Family(rule.Family), (byte)(rule.To?.PrefixLength ?? 0),
            (byte)(rule.From?.PrefixLength ?? 0), rule.Tos ?? 0, table, action, rule.Not ? FibRuleHdr.Invert : 0));

        if (largeTable)
            writer.AttributeU32((ushort)RuleAttribute.Table, rule.Table!.Value);
        if (rule.From?.Address is { } from)
            writer.AttributeAddress((ushort)RuleAttribute.Source, from);
        if (rule.To?.Address is { } to)
            writer.AttributeAddress((ushort)RuleAttribute.Destination, to);
        writer.AttributeU32((ushort)RuleAttribute.Priority, rule.Preference);
        if (rule.FwMark is { } mark)
            writer.AttributeU32((ushort)RuleAttribute.FwMark, mark);
        if (rule.FwMask is { } mask)
            writer.AttributeU32((ushort)RuleAttribute.FwMask, mask);
        if (rule.Realms is { } realms && realms != 0)
            writer.AttributeU32((ushort)RuleAttribute.Flow, realms);
        if (rule.SuppressPrefixLength is { } suppressLength)
            writer.AttributeU32((ushort)RuleAttribute.SuppressPrefixLength, (uint)suppressLength);
        if (rule.SuppressGroup is { } suppressGroup)
            writer.AttributeU32((ushort)RuleAttribute.SuppressIfGroup, suppressGroup);
        if (rule.InputInterface is { } iif)
            writer.AttributeString((ushort)RuleAttribute.InputInterface, iif);
        if (rule.OutputInterface is { } oif)
            writer.AttributeString((ushort)RuleAttribute.OutputInterface, oif);
        if (rule.TunnelId is { } tunnel && tunnel != 0)
            BinaryPrimitives.WriteUInt64BigEndian(writer.Attribute((ushort)RuleAttribute.TunnelId, 8), tunnel);
        if (rule.UidRange is { } uids)
        {
            var range = writer.Attribute((ushort)RuleAttribute.UidRange, 8);
            HostOrder.WriteU32(range, uids.Start);
            HostOrder.WriteU32(range[4..], uids.End);
        }
        if (l3mdev)
            writer.AttributeU8((ushort)RuleAttribute.L3MDev, 1);
        if (rule.Protocol is { } protocol)
            writer.AttributeU8((ushort)RuleAttribute.Protocol, protocol);
        if (rule.IpProto is { } ipProto)
            writer.AttributeU8((ushort)RuleAttribute.IpProto, ipProto);
        if (rule.SourcePorts is { } sport)
            WritePortRange(ref writer, RuleAttribute.SourcePortRange, sport);
        if (rule.DestinationPorts is { } dport)
            WritePortRange(ref writer, RuleAttribute.DestinationPortRange, dport);
        if (action == FibRuleAction.Goto)
            writer.AttributeU32((ushort)RuleAttribute.Goto, rule.GotoTarget ?? 0);
        writer.EndMessage();
    }

    /// <summary>The FR_ACT_* of the model's action word (l3mdev looks up a table: FR_ACT_TO_TBL).</summary>
    public static FibRuleAction Action(string action) => action switch
    {
        "table" or "l3mdev" => FibRuleAction.ToTable,
        "goto" => FibRuleAction.Goto,
        "nop" => FibRuleAction.Nop,
        "blackhole" => FibRuleAction.Blackhole,
        "unreachable" => FibRuleAction.Unreachable,
        "prohibit" => FibRuleAction.Prohibit,
        _ => FibRuleAction.Unspec,
    };

    /// <summary>struct fib_rule_port_range: start, end (u16, host order).</summary>
    private static void WritePortRange(ref NetlinkWriter writer, RuleAttribute type, (ushort Start, ushort End) ports)
    {
        var range = writer.Attribute((ushort)type, 4);
        HostOrder.WriteU16(range, ports.Start);
        HostOrder.WriteU16(range[2..], ports.End);
    }
}

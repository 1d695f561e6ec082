using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Tests.Kernel.Netlink;

public class RuleMessageTests
{
    [Fact]
    public void Rule_from_to_table_preference_as_keepalived_sends_it()
    {
        var rule = new IpRule
        {
            From = new RouteAddress(IPAddress.Parse("10.199.1.0"), 24, AddressFamily.InterNetwork),
            Action = "table", Table = 100, Preference = 1000, FwMark = 7, Not = true,
        };
        var buffer = new byte[256];
        var writer = new NetlinkWriter(buffer);
        RuleMessage.Write(ref writer, rule, add: true, sequence: 1);

        Assert.Equal(
            "34000000" + "2000" + "0506" + "01000000" + "00000000" +
            "02001800" + "64000001" + "02000000" +
            "08000200" + "0AC70100" +
            "08000600" + "E8030000" +
            "08000A00" + "07000000",
            Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void Goto_and_large_tables()
    {
        var buffer = new byte[256];
        var writer = new NetlinkWriter(buffer);
        RuleMessage.Write(ref writer, new IpRule { Action = "goto", GotoTarget = 2000, Preference = 10 }, add: false, sequence: 1);
        var reader = new NetlinkMessageReader(writer.Written);
        Assert.True(reader.TryRead(out var m));
        Assert.Equal(FibRuleAction.Goto, FibRuleHdr.Read(m.Payload).Action);
        var attributes = m.Attributes(FibRuleHdr.Size);
        var found = new Dictionary<ushort, uint?>();
        while (attributes.TryRead(out var a)) found[a.Type] = a.U32;
        Assert.Equal(2000u, found[(ushort)RuleAttribute.Goto]);

        writer = new NetlinkWriter(buffer);
        RuleMessage.Write(ref writer, new IpRule { Action = "table", Table = 5000, Preference = 10 }, add: true, sequence: 2);
        reader = new NetlinkMessageReader(writer.Written);
        Assert.True(reader.TryRead(out m));
        Assert.Equal(0, FibRuleHdr.Read(m.Payload).Table);
        attributes = m.Attributes(FibRuleHdr.Size);
        Assert.True(attributes.TryRead(out var table));
        Assert.Equal((ushort)RuleAttribute.Table, table.Type);
        Assert.Equal(5000u, table.U32);
    }
}
